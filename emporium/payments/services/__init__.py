"""Writes of payments, one module per idea; import them from here.

Checkout calls `start_payment(order=..., method=..., card=..., actor=...)`
right after `orders.place_order`; see docs/payments.md.
"""

from emporium.payments.services.manual import mark_payment_received
from emporium.payments.services.reconcile import ReconcileLine, reconcile_payments
from emporium.payments.services.refunds import record_provider_refund, refund_payment
from emporium.payments.services.settling import apply_result
from emporium.payments.services.starting import (
    PaymentResult,
    cancel_unfinished_payments,
    confirm_payment,
    start_payment,
)
from emporium.payments.services.webhooks import handle_webhook

__all__ = [
    "PaymentResult",
    "ReconcileLine",
    "apply_result",
    "cancel_unfinished_payments",
    "confirm_payment",
    "handle_webhook",
    "mark_payment_received",
    "reconcile_payments",
    "record_provider_refund",
    "refund_payment",
    "start_payment",
]
