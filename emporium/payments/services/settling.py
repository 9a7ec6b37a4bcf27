"""Bringing a payment to where its provider says it stands.

Every answer of a provider (the reply to a start or a confirmation, a
webhook, a reconciliation) goes through `apply_result`, so a success pays
the order once, whoever reports it first, and a repeated report changes
nothing. Locks: the order row first, then the payment row, everywhere in
payments (as in orders).
"""

import logging

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.core.money import format_money
from emporium.inventory.errors import OutOfStock
from emporium.orders.constants import UNPAID
from emporium.orders.errors import InvalidTransition
from emporium.orders.services import mark_order_paid
from emporium.orders.states import lock_order
from emporium.payments.constants import (
    PAID,
    PAYMENT_AMOUNT_MISMATCH,
    PAYMENT_NEEDS_REFUND,
    PaymentStatus,
    TransactionKind,
    TransactionStatus,
)
from emporium.payments.errors import AmountMismatch
from emporium.payments.models import Payment
from emporium.payments.providers.base import ProviderResult
from emporium.payments.selectors import get_payment
from emporium.payments.services.records import record_transaction
from emporium.payments.states import can_transition, lock_payment, transition_payment

logger = logging.getLogger(__name__)

_KIND = {
    PaymentStatus.SUCCEEDED: TransactionKind.CAPTURE,
    PaymentStatus.CANCELLED: TransactionKind.VOID,
}
_TX_STATUS = {
    PaymentStatus.SUCCEEDED: TransactionStatus.SUCCESS,
    PaymentStatus.CANCELLED: TransactionStatus.SUCCESS,
    PaymentStatus.FAILED: TransactionStatus.FAILURE,
    PaymentStatus.REQUIRES_ACTION: TransactionStatus.ACTION_REQUIRED,
}


def apply_result(
    *, payment_id: int, result: ProviderResult, actor: User | None, reason: str = ""
) -> Payment:
    """Move the payment where `result` says; pay the order on success.

    Idempotent: a result the payment already reflects changes nothing, and
    one that cannot follow its status (a failure after a success) is
    logged and ignored. Otherwise, under the order's then the payment's
    lock: records a transaction, moves the payment (`transition_payment`)
    and, on success, pays the order (`orders.mark_order_paid`: the stock
    reservation is sold). If the order can no longer take the money
    (cancelled, paid by another attempt, stock gone), the payment is
    marked for refund (`payment.needs_refund`, refunded after commit).

    Raises:
        AmountMismatch: a success for another amount or currency than the
            payment's and the order's total; nothing changes (the caller
            records the refusal with `record_amount_mismatch`).
    """
    payment = get_payment(payment_id=payment_id)
    target = PaymentStatus(result.status)
    if target == PaymentStatus.SUCCEEDED:
        check_amount(payment, result)
    with transaction.atomic():
        order = lock_order(payment.order_id)
        payment = lock_payment(payment_id)
        changes = _changes(payment, result, target)
        moving = payment.status != target
        if target == PaymentStatus.SUCCEEDED and payment.status in PAID:
            return payment
        if not moving and not changes:
            return payment
        if moving and not can_transition(payment.status, target):
            logger.warning(
                "payment %s: ignored %s from %s (now %s)",
                payment.pk,
                target,
                payment.provider,
                payment.status,
            )
            return payment
        record_transaction(
            payment,
            kind=_KIND.get(target),
            result=result,
            status=_TX_STATUS.get(target, TransactionStatus.PENDING),
        )
        if not moving:
            return _save_details(payment, changes)
        if target == PaymentStatus.SUCCEEDED:
            changes["paid_order"] = _pay_order(order, payment, actor)
        return transition_payment(
            payment_id=payment.pk,
            to=target,
            actor=actor,
            reason=reason,
            changes=changes,
        )


def check_amount(payment: Payment, result: ProviderResult) -> None:
    """Refuse a success that is not exactly the payment's and order's total.

    Raises:
        AmountMismatch.
    """
    expected = payment.money.quantize()
    total = payment.order.total.quantize()
    received = result.amount.quantize() if result.amount is not None else None
    if (
        received is not None
        and received.currency == expected.currency == total.currency
        and received == expected == total
    ):
        return
    shown = format_money(received) if received is not None else "no amount"
    raise AmountMismatch(
        f"The provider reports {shown} for payment {payment.pk}; order "
        f"{payment.order.number} is {format_money(total)}.",
        extra={
            "payment": payment.pk,
            "expected": str(total.amount),
            "currency": total.currency,
            "received": str(received.amount) if received is not None else None,
            "received_currency": received.currency if received is not None else None,
        },
    )


def record_amount_mismatch(
    *, payment_id: int, error: AmountMismatch, source: str
) -> None:
    """Log and publish `payment.amount_mismatch` in a transaction of its own
    (the refused change itself was rolled back); nothing else changes."""
    logger.error(
        "payment %s: amount mismatch (%s): %s", payment_id, source, error.message
    )
    with transaction.atomic():
        publish(
            PAYMENT_AMOUNT_MISMATCH,
            {"payment_id": payment_id, "source": source, **error.extra},
        )


def _changes(payment: Payment, result: ProviderResult, target: PaymentStatus) -> dict:
    wanted = {
        "next_action": result.next_action.as_dict() if result.next_action else {},
        "failure_code": result.error_code if target == PaymentStatus.FAILED else "",
        "failure_message": (
            result.error_message[:255] if target == PaymentStatus.FAILED else ""
        ),
    }
    if result.provider_reference and not payment.provider_reference:
        wanted["provider_reference"] = result.provider_reference
    if result.client_secret and not payment.client_secret:
        wanted["client_secret"] = result.client_secret
    return {name: v for name, v in wanted.items() if getattr(payment, name) != v}


def _save_details(payment: Payment, changes: dict) -> Payment:
    for name, value in changes.items():
        setattr(payment, name, value)
    payment.save(update_fields=[*changes, "updated_at"])
    return payment


def _pay_order(order, payment: Payment, actor: User | None) -> bool:
    """Pay the order with this payment; False (and a refund queued) if the
    order cannot take it."""
    why = ""
    if order.paid_at is not None or order.status not in UNPAID:
        why = f"Order {order.number} was already {order.get_status_display().lower()}."
    else:
        try:
            mark_order_paid(
                order_id=order.pk,
                actor=actor,
                reason=f"Paid by {payment.get_method_display().lower()} "
                f"(payment {payment.pk}).",
            )
        except (InvalidTransition, OutOfStock) as exc:
            why = exc.message
    if not why:
        return True
    logger.warning("payment %s succeeded but cannot pay: %s", payment.pk, why)
    publish(PAYMENT_NEEDS_REFUND, {"payment_id": payment.pk, "reason": why})
    return False
