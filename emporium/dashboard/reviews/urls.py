"""Dashboard pages of this part, included by `dashboard/urls.py`."""

from django.urls import path

from emporium.dashboard.reviews import views

urlpatterns = [
    path("reviews/", views.reviews, name="reviews"),
]
