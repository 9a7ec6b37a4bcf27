"""The payment state machine: allowed moves and the one function that makes
them. Nothing else assigns a payment's `status` (a test greps for it).

| payment status | may move to |
| --- | --- |
| pending | requires_action, processing, succeeded, failed, cancelled |
| requires_action | processing, succeeded, failed, cancelled |
| processing | requires_action, succeeded, failed, cancelled |
| succeeded | partially_refunded, refunded |
| partially_refunded | refunded |
| failed | succeeded (late) |
| cancelled | succeeded (late) |
| refunded | nothing |

"Late" success: a provider may still report money for an attempt we gave
up on (the buyer finished 3-D Secure after retrying, an answer lost in a
timeout). The money is real, so the payment records it; if the order was
paid by another attempt meanwhile, the surplus is refunded (see
`services.settling`).
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.payments.constants import PaymentStatus, payment_status_event
from emporium.payments.errors import InvalidPaymentTransition, PaymentNotFound
from emporium.payments.models import Payment

P = PaymentStatus
ALLOWED: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    P.PENDING: frozenset(
        {P.REQUIRES_ACTION, P.PROCESSING, P.SUCCEEDED, P.FAILED, P.CANCELLED}
    ),
    P.REQUIRES_ACTION: frozenset({P.PROCESSING, P.SUCCEEDED, P.FAILED, P.CANCELLED}),
    P.PROCESSING: frozenset({P.REQUIRES_ACTION, P.SUCCEEDED, P.FAILED, P.CANCELLED}),
    P.SUCCEEDED: frozenset({P.PARTIALLY_REFUNDED, P.REFUNDED}),
    P.PARTIALLY_REFUNDED: frozenset({P.REFUNDED}),
    P.FAILED: frozenset({P.SUCCEEDED}),
    P.CANCELLED: frozenset({P.SUCCEEDED}),
    P.REFUNDED: frozenset(),
}

# Fields a transition may set together with the status.
CHANGEABLE = frozenset(
    {
        "provider_reference",
        "client_secret",
        "next_action",
        "failure_code",
        "failure_message",
        "refunded_amount",
        "paid_order",
    }
)


def can_transition(from_status: str, to: str) -> bool:
    return PaymentStatus(to) in ALLOWED[PaymentStatus(from_status)]


def lock_payment(payment_id: int) -> Payment:
    """The payment, locked (`SELECT ... FOR UPDATE`) until the transaction ends.

    Raises:
        PaymentNotFound: no payment with this id.
    """
    payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
    if payment is None:
        raise PaymentNotFound("Payment not found.")
    return payment


def transition_payment(
    *,
    payment_id: int,
    to: PaymentStatus | str,
    actor: User | None,
    reason: str = "",
    changes: Mapping[str, Any] | None = None,
) -> Payment:
    """Move a payment to `to`; lock it, check the move, record who and why.

    Runs in its own transaction (or the caller's) holding the payment's row
    lock; callers that also change the order lock the order first. `changes`
    sets other fields in the same save (see `CHANGEABLE`). Publishes
    `payment.<to>` (e.g. `payment.failed`: the buyer's email goes after
    commit).

    Raises:
        PaymentNotFound: no payment with this id.
        InvalidPaymentTransition: `to` is not an allowed move from the
            current status; the message names both.
    """
    target = PaymentStatus(to)
    changes = dict(changes or {})
    if not changes.keys() <= CHANGEABLE:
        raise ValueError(f"cannot change {sorted(changes.keys() - CHANGEABLE)}")
    with transaction.atomic():
        payment = lock_payment(payment_id)
        previous = PaymentStatus(payment.status)
        if target not in ALLOWED[previous]:
            raise InvalidPaymentTransition(
                f"Payment {payment.pk} cannot move from {previous.value} "
                f"to {target.value}.",
                extra={
                    "payment": payment.pk,
                    "from": previous.value,
                    "to": target.value,
                },
            )
        payment.status = target
        for name, value in changes.items():
            setattr(payment, name, value)
        payment.save(update_fields=["status", "updated_at", *changes])
        publish(
            payment_status_event(target),
            {
                "payment_id": payment.pk,
                "order_id": payment.order_id,
                "method": payment.method,
                "provider": payment.provider,
                "from": previous.value,
                "to": target.value,
                "amount": str(payment.money.quantize().amount),
                "currency": payment.currency,
                "failure_code": payment.failure_code,
                "actor_id": _actor_id(actor),
                "reason": reason,
            },
        )
    return payment


def _actor_id(actor: User | None) -> str | None:
    if actor is None or not actor.is_authenticated:
        return None
    return str(actor.pk)
