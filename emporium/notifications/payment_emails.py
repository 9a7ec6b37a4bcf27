"""Emails to buyers in answer to payment events: a payment failed (with the
way to try again), a refund was issued. HTML + text, sent by the outbox
task after the payment change committed.

A handler runs once per event once it succeeded (the outbox records it),
so a webhook delivered twice, which publishes once, mails once.
"""

from typing import Any

from django.urls import reverse

from emporium.core.events import subscribe
from emporium.core.money import Money
from emporium.notifications.email import absolute_url, send_templated_email
from emporium.orders.access import order_access_url
from emporium.orders.constants import UNPAID
from emporium.orders.models import Order
from emporium.payments.constants import PAYMENT_FAILED, REFUND_ISSUED
from emporium.payments.errors import PaymentNotFound
from emporium.payments.models import Payment
from emporium.payments.selectors import get_payment


def _order_link(order: Order) -> str:
    if order.customer_id is None:
        return order_access_url(order)
    return absolute_url(reverse("orders:detail", args=[order.number]))


def _find_payment(payment_id: int) -> Payment | None:
    try:
        return get_payment(payment_id=payment_id)
    except PaymentNotFound:
        return None


def _send(payment: Payment, template: str, **context: Any) -> None:
    order = payment.order
    send_templated_email(
        to=order.email,
        template=template,
        context={
            "order": order,
            "payment": payment,
            "link": _order_link(order),
            "is_guest": order.customer_id is None,
            **context,
        },
    )


@subscribe(PAYMENT_FAILED)
def send_payment_failed(payload: dict[str, Any]) -> None:
    payment = _find_payment(payload["payment_id"])
    # Paid meanwhile by another attempt, or cancelled: nothing to retry.
    if payment is None or payment.order.status not in UNPAID:
        return
    _send(payment, "payment_failed")


@subscribe(REFUND_ISSUED)
def send_refund_issued(payload: dict[str, Any]) -> None:
    payment = _find_payment(payload["payment_id"])
    if payment is None:
        return
    amount = Money(payload["amount"], payload["currency"])
    _send(
        payment,
        "refund_issued",
        amount=amount,
        is_full=payment.refunded == payment.money,
        reason=payload.get("reason", ""),
    )
