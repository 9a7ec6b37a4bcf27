"""Storefront routes of wishlists, mounted at the site root."""

from django.urls import path

from emporium.wishlists import views

app_name = "wishlists"

urlpatterns = [
    path("account/wishlist/", views.wishlist, name="wishlist"),
    path("wishlist/save/", views.save, name="save"),
    path("wishlist/remove/", views.remove, name="remove"),
    path("wishlist/hearts/", views.hearts, name="hearts"),
]
