"""Reads of payments: one payment, an order's attempts, stuck payments, and
what a buyer may see."""

from datetime import datetime

from django.db.models import QuerySet

from emporium.payments.constants import STUCK
from emporium.payments.errors import PaymentNotFound
from emporium.payments.models import Payment, PaymentTransaction


def get_payment(*, payment_id: int) -> Payment:
    """A payment with its order (one query).

    Raises:
        PaymentNotFound.
    """
    payment = Payment.objects.select_related("order").filter(pk=payment_id).first()
    if payment is None:
        raise PaymentNotFound("Payment not found.")
    return payment


def find_payment_by_reference(*, provider: str, reference: str) -> Payment | None:
    if not reference:
        return None
    return (
        Payment.objects.select_related("order")
        .filter(provider=provider, provider_reference=reference)
        .first()
    )


def list_payments_for_order(*, order_id: int) -> QuerySet[Payment]:
    """The order's payment attempts, newest first (one query)."""
    return Payment.objects.filter(order_id=order_id).order_by("-created_at", "-pk")


def list_transactions(*, payment_id: int) -> QuerySet[PaymentTransaction]:
    return PaymentTransaction.objects.filter(payment_id=payment_id).order_by(
        "created_at", "pk"
    )


def list_stuck_payment_ids(*, older_than: datetime, limit: int = 200) -> list[int]:
    """Payments still processing or requiring action, unchanged since before
    `older_than`, oldest first."""
    return list(
        Payment.objects.filter(status__in=STUCK, updated_at__lt=older_than)
        .order_by("updated_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def count_refunds(*, payment_id: int) -> int:
    """How many refunds were asked of the provider for this payment."""
    return PaymentTransaction.objects.filter(
        payment_id=payment_id, kind="refund"
    ).count()
