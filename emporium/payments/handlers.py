"""Reactions of payments to events. Idempotent: a redelivered event finds
the payment already refunded and changes nothing."""

from typing import Any

from emporium.core.events import subscribe
from emporium.orders.constants import ORDER_CANCELLED
from emporium.payments.constants import PAYMENT_NEEDS_REFUND, REFUNDABLE
from emporium.payments.selectors import get_payment
from emporium.payments.services import cancel_unfinished_payments, refund_payment

ORDER_CANCELLED_REASON = "The order was cancelled."


@subscribe(PAYMENT_NEEDS_REFUND)
def refund_surplus_payment(payload: dict[str, Any]) -> None:
    """Give back money an order could not take (paid twice, cancelled, sold
    out). A refused refund raises, so the outbox retries it later."""
    payment = get_payment(payment_id=payload["payment_id"])
    if payment.status not in REFUNDABLE or payment.refundable.is_zero():
        return
    refund_payment(
        payment_id=payment.pk,
        amount=None,
        actor=None,
        reason=f"Refunded automatically: {payload.get('reason', '')}".strip(),
    )


@subscribe(ORDER_CANCELLED)
def cancel_payments_of_cancelled_order(payload: dict[str, Any]) -> None:
    """A cancelled order takes no money: its 3-D Secure page or bank
    transfer instructions stop working (the Stripe intent is cancelled)."""
    cancel_unfinished_payments(
        order_id=payload["order_id"], actor=None, reason=ORDER_CANCELLED_REASON
    )
