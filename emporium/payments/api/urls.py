"""Payments routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.payments.api import views

urlpatterns = [
    path(
        "orders/<str:number>/payments/",
        views.OrderPaymentsApi.as_view(),
        name="order-payments",
    ),
    path(
        "payments/webhooks/stripe/",
        views.StripeWebhookApi.as_view(),
        name="payments-stripe-webhook",
    ),
]
