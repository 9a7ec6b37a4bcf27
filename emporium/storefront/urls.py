"""Storefront URLs mounted at the site root."""

from django.urls import path

from emporium.storefront import views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
]
