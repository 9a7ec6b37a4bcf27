"""Wishlist routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.wishlists.api import views

urlpatterns = [
    path("me/wishlist/", views.WishlistApi.as_view(), name="wishlist"),
    path(
        "me/wishlist/<int:id>/", views.WishlistItemApi.as_view(), name="wishlist-item"
    ),
]
