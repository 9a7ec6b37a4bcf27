"""Storefront pages of payments, mounted at the site root."""

from django.urls import path

from emporium.payments import views

app_name = "payments"

urlpatterns = [
    path(
        "payments/test/confirm/<int:payment_id>/",
        views.test_confirm,
        name="test-confirm",
    ),
]
