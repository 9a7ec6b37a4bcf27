"""Storefront routes of shops (applying to open one, joining one), mounted
at the site root."""

from django.urls import path

from emporium.vendors import views

app_name = "vendors"

urlpatterns = [
    path("sell/", views.apply, name="apply"),
    path("sell/<slug:slug>/", views.application, name="application"),
    path("vendor/invitations/<str:token>/", views.invitation, name="invitation"),
]
