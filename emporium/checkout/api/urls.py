"""Checkout routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.checkout.api import views

urlpatterns = [
    path("checkout/", views.CheckoutApi.as_view(), name="checkout"),
    path(
        "checkout/shipping-methods/",
        views.CheckoutShippingMethodsApi.as_view(),
        name="checkout-shipping-methods",
    ),
    path(
        "checkout/summary/",
        views.CheckoutSummaryApi.as_view(),
        name="checkout-summary",
    ),
]
