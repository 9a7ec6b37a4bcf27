"""Paying an order: `start_payment` (and retries), `confirm_payment`.

Checkout calls `start_payment` right after `orders.place_order`; the
buyer's "pay again" calls it once more while the order awaits payment.
Each call is one `Payment` row. The provider is called outside any
database transaction, so no row stays locked while it answers.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.core.money import Money
from emporium.orders.constants import UNPAID
from emporium.orders.models import Order
from emporium.orders.services import mark_order_awaiting_payment
from emporium.orders.states import lock_order
from emporium.payments.cards import CardDetails, check_card
from emporium.payments.constants import PaymentStatus
from emporium.payments.errors import (
    AmountMismatch,
    InvalidCard,
    OrderNotPayable,
    PaymentInProgress,
    ProviderError,
)
from emporium.payments.models import Payment
from emporium.payments.providers import provider_for_code, provider_for_method
from emporium.payments.providers.base import PaymentProvider, ProviderResult
from emporium.payments.selectors import get_payment
from emporium.payments.services.settling import apply_result, record_amount_mismatch

SUPERSEDED_REASON = "Replaced by a new payment attempt."


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """Where a payment attempt stands, for the buyer's next step.

    `status`: succeeded (the order is paid), requires_action (follow
    `next_action`), pending (bank transfer, cash on delivery: follow the
    instructions in `next_action`), processing (the provider will tell us)
    or failed (`failure_code`, `failure_message`; the order still awaits
    payment: start another).
    """

    payment: Payment
    status: PaymentStatus
    next_action: dict[str, Any]
    provider_reference: str
    failure_code: str
    failure_message: str

    @classmethod
    def of(cls, payment: Payment) -> "PaymentResult":
        return cls(
            payment=payment,
            status=PaymentStatus(payment.status),
            next_action=dict(payment.next_action or {}),
            provider_reference=payment.provider_reference or "",
            failure_code=payment.failure_code,
            failure_message=payment.failure_message,
        )


def start_payment(
    *,
    order: Order,
    method: str,
    card: CardDetails | None = None,
    payment_method: str = "",
    return_url: str = "",
    actor: User | None,
) -> PaymentResult:
    """Start paying `order` with `method`; also the retry after a failure.

    Checks the card (test provider) before anything is written. Then, under
    the order's lock: refuses an order that no longer awaits money,
    cancels the order's unfinished attempts (a 3-D Secure page left open,
    a bank transfer the buyer switched from), moves the order to awaiting
    payment (stock held `hold_minutes` of the provider) and records the new
    `Payment`. Then calls the provider, outside the transaction, and
    settles its answer (`apply_result`): a success pays the order; a
    decline leaves the payment failed and the order awaiting payment
    (`payment.failed`: the buyer's email after commit).

    `card` is for the test provider only; Stripe takes `payment_method`
    (a `pm_...` id from Stripe.js) and `return_url` (3-D Secure).

    Raises:
        PaymentMethodUnavailable: `method` is not offered here.
        InvalidCard: card details missing or impossible (test provider), or
            given to a provider that must never see them.
        OrderNotPayable: the order is paid, cancelled or has nothing to pay.
        PaymentInProgress: an earlier attempt is still with the provider.
        ProviderError: the provider could not be reached (the attempt is
            recorded as failed; a late answer still counts).
        AmountMismatch: the provider took another amount; not paid.
    """
    provider = provider_for_method(method)
    if provider.requires_card:
        card = check_card(card, today=timezone.localdate())
    elif card is not None:
        raise InvalidCard(
            "Card details go to the payment provider, never to this shop.",
            code="card_not_accepted",
        )
    payment = _open_payment(
        order_id=order.pk,
        method=method,
        provider=provider,
        return_url=return_url,
        actor=actor,
    )
    try:
        result = provider.start(
            payment, card=card, payment_method=payment_method, return_url=return_url
        )
    except ProviderError as exc:
        _record_no_answer(payment, exc, actor)
        raise
    return PaymentResult.of(settle(payment.pk, result, actor=actor))


def confirm_payment(
    *, payment_id: int, params: Mapping[str, str] | None = None, actor: User | None
) -> PaymentResult:
    """Finish a payment that required an action (3-D Secure, the test page).

    Asks the provider where the payment stands (the test provider takes
    the buyer's choice in `params["outcome"]`: "complete" or "fail") and
    settles it. A payment no longer waiting is returned as it is, so a
    second click changes nothing.

    Raises:
        PaymentNotFound, ProviderError, AmountMismatch.
    """
    payment = get_payment(payment_id=payment_id)
    waiting = {PaymentStatus.REQUIRES_ACTION, PaymentStatus.PROCESSING}
    if payment.status not in waiting:
        return PaymentResult.of(payment)
    provider = provider_for_code(payment.provider)
    result = provider.confirm(payment, params=params or {})
    return PaymentResult.of(settle(payment.pk, result, actor=actor))


def cancel_unfinished_payments(
    *, order_id: int, actor: User | None, reason: str
) -> int:
    """Cancel the order's attempts still pending or requiring action, at their
    provider too, so none can take money later; how many were.

    For a retry (`start_payment`) and a cancelled order (handler of
    `order.cancelled`). Attempts still processing are left to their
    provider's answer (a late success is refunded if the order cannot take
    it). Runs in the caller's transaction, if any.

    Raises:
        ProviderError: a provider could not cancel (nothing changes).
    """
    waiting = [PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION]
    payment_ids = list(
        Payment.objects.filter(order_id=order_id, status__in=waiting)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for payment_id in payment_ids:
        payment = get_payment(payment_id=payment_id)
        result = provider_for_code(payment.provider).cancel(payment)
        apply_result(payment_id=payment_id, result=result, actor=actor, reason=reason)
    return len(payment_ids)


def settle(payment_id: int, result: ProviderResult, *, actor: User | None) -> Payment:
    """`apply_result`, recording a refused amount before passing it on."""
    try:
        return apply_result(payment_id=payment_id, result=result, actor=actor)
    except AmountMismatch as exc:
        record_amount_mismatch(payment_id=payment_id, error=exc, source="provider")
        raise


def _open_payment(
    *,
    order_id: int,
    method: str,
    provider: PaymentProvider,
    return_url: str,
    actor: User | None,
) -> Payment:
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status not in UNPAID or order.paid_at is not None:
            raise OrderNotPayable(
                f"Order {order.number} is {order.get_status_display().lower()}; "
                "it takes no payment.",
                extra={"order": order.number, "status": order.status},
            )
        total = order.total.quantize()
        if total <= Money.zero(total.currency):
            raise OrderNotPayable(f"Order {order.number} has nothing to pay.")
        _supersede_open_payments(order_id, actor)
        mark_order_awaiting_payment(
            order_id=order_id, actor=actor, hold_minutes=provider.hold_minutes
        )
        payment = Payment.objects.create(
            order=order,
            provider=provider.code,
            method=method,
            status=provider.initial_status,
            currency=total.currency,
            amount=total.amount,
            return_url=return_url[:500],
        )
    return payment


def _supersede_open_payments(order_id: int, actor: User | None) -> None:
    """Cancel the order's unfinished attempts; refuse while one is with its
    provider (it may still take money)."""
    if Payment.objects.filter(
        order_id=order_id, status=PaymentStatus.PROCESSING
    ).exists():
        raise PaymentInProgress(
            "An earlier payment of this order is still being processed; "
            "please wait a moment and look at the order again."
        )
    cancel_unfinished_payments(order_id=order_id, actor=actor, reason=SUPERSEDED_REASON)


def _record_no_answer(
    payment: Payment, error: ProviderError, actor: User | None
) -> None:
    # The provider may still have taken the money; its webhook then reports
    # a late success, which pays the order or is refunded.
    result = ProviderResult(
        status=PaymentStatus.FAILED,
        error_code=error.code,
        error_message=error.message,
    )
    apply_result(payment_id=payment.pk, result=result, actor=actor)
