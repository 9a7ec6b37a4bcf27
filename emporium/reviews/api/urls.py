"""Reviews routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.reviews.api import views

urlpatterns = [
    path(
        "products/<slug:slug>/reviews/",
        views.ProductReviewsApi.as_view(),
        name="product-reviews",
    ),
    path(
        "shops/<slug:slug>/reviews/",
        views.ShopReviewsApi.as_view(),
        name="shop-reviews",
    ),
    path("reviews/<int:id>/", views.ReviewDetailApi.as_view(), name="review-detail"),
    path(
        "staff/reviews/", views.StaffReviewListApi.as_view(), name="staff-review-list"
    ),
    path(
        "staff/reviews/<int:id>/hide/",
        views.StaffReviewHideApi.as_view(),
        name="staff-review-hide",
    ),
    path(
        "staff/reviews/<int:id>/publish/",
        views.StaffReviewPublishApi.as_view(),
        name="staff-review-publish",
    ),
]
