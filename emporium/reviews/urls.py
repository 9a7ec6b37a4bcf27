"""Storefront routes of reviews, mounted at the site root."""

from django.urls import path

from emporium.reviews import views

app_name = "reviews"

urlpatterns = [
    path("p/<slug:slug>/reviews/", views.product_reviews, name="product-list"),
    path("p/<slug:slug>/review/", views.product_review_form, name="product-form"),
    path("shops/<slug:slug>/reviews/", views.shop_reviews, name="shop-list"),
    path("shops/<slug:slug>/review/", views.shop_review_form, name="shop-form"),
    path("reviews/<int:review_id>/edit/", views.edit_review, name="edit"),
    path("reviews/<int:review_id>/delete/", views.delete_review, name="delete"),
]
