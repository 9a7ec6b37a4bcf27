"""Paying a placed order: the first attempt, retries after a decline, and
the return from 3-D Secure (`payments` does the work)."""

from django.conf import settings
from django.urls import reverse

from emporium.accounts.models import User
from emporium.orders.models import Order
from emporium.payments.cards import CardDetails
from emporium.payments.constants import PaymentStatus
from emporium.payments.selectors import list_payments_for_order
from emporium.payments.services import PaymentResult, confirm_payment, start_payment

WAITING = frozenset({PaymentStatus.REQUIRES_ACTION, PaymentStatus.PROCESSING})


def pay_order(
    *,
    order: Order,
    payment_method: str,
    card: CardDetails | None,
    return_url: str = "",
    actor: User | None = None,
    provider_payment_method: str = "",
) -> PaymentResult:
    """Start paying a placed order: checkout's first attempt and every retry.

    `return_url` as for `place_checkout`. See `payments.start_payment` for
    what happens and what it raises (`order_not_payable` once paid).
    """
    return start_payment(
        order=order,
        method=payment_method,
        card=card,
        payment_method=provider_payment_method,
        return_url=payment_return_url(order, return_url),
        actor=actor,
    )


def payment_return_url(order: Order, template: str = "") -> str:
    """Where the buyer comes back after 3-D Secure for this order."""
    if template:
        return template.replace("{number}", order.number)
    path = reverse("checkout:return", args=[order.number])
    return f"{settings.SITE_URL}{path}"


def confirm_order_payment(*, order: Order, actor: User | None) -> PaymentResult | None:
    """The buyer is back from 3-D Secure: settle the order's latest attempt.

    Asks its provider where it stands (`payments.confirm_payment`) when it
    still waits for the buyer or the provider; otherwise (already settled
    by the confirmation page or a webhook) returns it as it is.
    """
    latest = latest_payment(order)
    if latest is None or latest.status not in WAITING:
        return latest
    return confirm_payment(payment_id=latest.payment.pk, actor=actor)


def latest_payment(order: Order) -> PaymentResult | None:
    """The order's newest payment attempt, if any (one query)."""
    payment = list_payments_for_order(order_id=order.pk).first()
    return PaymentResult.of(payment) if payment is not None else None
