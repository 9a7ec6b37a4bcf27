"""Refunds: money back to the buyer, through the payment's provider.

A refund of the payment that paid an order refunds the order too
(`orders.record_order_refund`: partially refunded, then refunded). A
surplus payment (the order was paid by another attempt, or cancelled
before the money came) is refunded on its own.
"""

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.core.money import Money, format_money
from emporium.orders.services import record_order_refund
from emporium.orders.states import lock_order
from emporium.payments.constants import (
    REFUND_ISSUED,
    REFUNDABLE,
    PaymentStatus,
    TransactionKind,
    TransactionStatus,
)
from emporium.payments.errors import ProviderError, RefundNotAllowed
from emporium.payments.models import Payment
from emporium.payments.providers import provider_for_code
from emporium.payments.providers.base import RefundResult
from emporium.payments.selectors import count_refunds, get_payment
from emporium.payments.services.records import record_transaction
from emporium.payments.states import lock_payment, transition_payment


class _Refused(Exception):
    def __init__(self, outcome: RefundResult, amount: Money):
        super().__init__(outcome.error_code)
        self.outcome = outcome
        self.amount = amount


def refund_payment(
    *, payment_id: int, amount: Money | None, actor: User | None, reason: str = ""
) -> Payment:
    """Give back `amount` of a paid payment (None: all that is left).

    Holds the order's, then the payment's lock through the provider's
    refund (one refund at a time per order; the provider's idempotency key
    makes a retried call refund once). Records a refund transaction, adds
    to the payment's refunded amount and moves it to partially refunded or
    refunded; moves the order likewise if this payment paid it. Publishes
    `refund.issued` (the buyer's email after commit).

    Raises:
        PaymentNotFound.
        RefundNotAllowed: the payment took no money, the amount is not
            above zero in its currency, or more than is left.
        ProviderError (`refund_failed`): the provider refused; recorded as
            a failed refund transaction, nothing else changes.
    """
    order_id = get_payment(payment_id=payment_id).order_id
    try:
        with transaction.atomic():
            lock_order(order_id)
            payment = lock_payment(payment_id)
            money = _refund_amount(payment, amount)
            sequence = count_refunds(payment_id=payment.pk) + 1
            key = f"emporium-refund-{payment.pk}-{sequence}"
            outcome = provider_for_code(payment.provider).refund(
                payment, money, key=key
            )
            if not outcome.succeeded:
                raise _Refused(outcome, money)
            return apply_refund(
                payment,
                money,
                reference=outcome.provider_reference,
                raw=dict(outcome.raw),
                actor=actor,
                reason=reason,
            )
    except _Refused as refused:
        _record_refused(payment_id, refused)
        why = refused.outcome.error_message or refused.outcome.error_code
        raise ProviderError(
            f"The refund was refused: {why}",
            code="refund_failed",
            extra={"provider_code": refused.outcome.error_code},
        ) from None


def record_provider_refund(
    *, payment_id: int, refunded_total: Money, actor: User | None, reason: str = ""
) -> Payment:
    """Record refunds the provider reports (its dashboard, or ours echoed).

    `refunded_total` is the provider's running total: only what exceeds
    what we recorded is new, so a repeated or echoed report changes
    nothing. Locks like `refund_payment`.

    Raises:
        PaymentNotFound, RefundNotAllowed (more than the payment).
    """
    order_id = get_payment(payment_id=payment_id).order_id
    with transaction.atomic():
        lock_order(order_id)
        payment = lock_payment(payment_id)
        if refunded_total.currency != payment.currency:
            raise RefundNotAllowed("The refund is in another currency.")
        extra = refunded_total.quantize() - payment.refunded
        if extra <= Money.zero(payment.currency):
            return payment
        _refund_amount(payment, extra)
        return apply_refund(
            payment, extra, reference="", raw={}, actor=actor, reason=reason
        )


def apply_refund(
    payment: Payment,
    amount: Money,
    *,
    reference: str,
    raw: dict,
    actor: User | None,
    reason: str,
) -> Payment:
    """Write a refund that happened (inside the caller's locks)."""
    record_transaction(
        payment,
        kind=TransactionKind.REFUND,
        status=TransactionStatus.SUCCESS,
        amount=amount,
        reference=reference,
        raw=raw,
    )
    refunded = payment.refunded + amount
    target = (
        PaymentStatus.REFUNDED
        if refunded == payment.money
        else PaymentStatus.PARTIALLY_REFUNDED
    )
    changes = {"refunded_amount": refunded.amount}
    if target != payment.status:
        payment = transition_payment(
            payment_id=payment.pk,
            to=target,
            actor=actor,
            reason=reason,
            changes=changes,
        )
    else:
        payment.refunded_amount = refunded.amount
        payment.save(update_fields=["refunded_amount", "updated_at"])
    if payment.paid_order:
        record_order_refund(
            order_id=payment.order_id, amount=amount, actor=actor, reason=reason
        )
    publish(
        REFUND_ISSUED,
        {
            "payment_id": payment.pk,
            "order_id": payment.order_id,
            "amount": str(amount.amount),
            "currency": amount.currency,
            "refunded": str(refunded.amount),
            "reason": reason,
            "actor_id": str(actor.pk) if actor and actor.is_authenticated else None,
        },
    )
    return payment


def _refund_amount(payment: Payment, amount: Money | None) -> Money:
    if payment.status not in REFUNDABLE:
        raise RefundNotAllowed(
            f"Payment {payment.pk} is {payment.get_status_display().lower()}; "
            "there is nothing to refund."
        )
    left = payment.refundable.quantize()
    money = left if amount is None else amount
    if money.currency != payment.currency or money.quantize() <= Money.zero(
        payment.currency
    ):
        raise RefundNotAllowed(
            f"A refund is an amount above zero in {payment.currency}."
        )
    if money.quantize() > left:
        raise RefundNotAllowed(
            f"Only {format_money(left)} of payment {payment.pk} is left to refund.",
            extra={"left": str(left.amount), "currency": payment.currency},
        )
    return money.quantize()


def _record_refused(payment_id: int, refused: _Refused) -> None:
    with transaction.atomic():
        payment = get_payment(payment_id=payment_id)
        record_transaction(
            payment,
            kind=TransactionKind.REFUND,
            status=TransactionStatus.FAILURE,
            amount=refused.amount,
            raw=dict(refused.outcome.raw),
            error=(refused.outcome.error_code, refused.outcome.error_message),
        )
