"""The payout state machine: allowed moves and the one function that makes
them. Nothing else assigns a payout's `status` (a test greps for it).

| status | may move to |
| --- | --- |
| pending | paid, failed |
| paid | nothing |
| failed | nothing (its amount is back on the balance; the next run pays it) |
"""

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.payouts.constants import EntryKind, PayoutStatus, payout_status_event
from emporium.payouts.errors import InvalidPayoutTransition, PayoutNotFound
from emporium.payouts.models import LedgerEntry, Payout, PayoutEvent

P = PayoutStatus
ALLOWED: dict[PayoutStatus, frozenset[PayoutStatus]] = {
    P.PENDING: frozenset({P.PAID, P.FAILED}),
    P.PAID: frozenset(),
    P.FAILED: frozenset(),
}
_STAMPED = {P.PAID: "paid_at", P.FAILED: "failed_at"}


def lock_payout(payout_id: int) -> Payout:
    """The payout, locked until the transaction ends.

    Raises:
        PayoutNotFound.
    """
    payout = Payout.objects.select_for_update().filter(pk=payout_id).first()
    if payout is None:
        raise PayoutNotFound("Payout not found.")
    return payout


def record_payout_event(
    payout: Payout, *, from_status: str, actor: User | None, reason: str = ""
) -> PayoutEvent:
    """Append a step to the payout's history (inside the caller's change)."""
    return PayoutEvent.objects.create(
        payout=payout,
        from_status=from_status,
        to_status=payout.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=reason[:255],
    )


def transition_payout(
    *,
    payout_id: int,
    to: PayoutStatus | str,
    actor: User | None,
    reason: str = "",
    reference: str = "",
) -> Payout:
    """Move a payout to `to`; lock it, check the move, record who and why.

    Paid keeps the bank's `reference`; failed keeps `reason` and writes a
    `payout_returned` entry (+ the amount, due at once), so the money is
    back on the shop's available balance for the next run. Publishes
    `payout.<to>` after commit.

    Raises:
        PayoutNotFound.
        InvalidPayoutTransition: not an allowed move (`invalid_transition`).
    """
    target = PayoutStatus(to)
    with transaction.atomic():
        payout = lock_payout(payout_id)
        previous = PayoutStatus(payout.status)
        if target not in ALLOWED[previous]:
            raise InvalidPayoutTransition(
                f"Payout #{payout.pk} cannot move from {previous.value} to "
                f"{target.value}.",
                extra={"payout": payout.pk, "from": previous, "to": target},
            )
        payout.status = target
        setattr(payout, _STAMPED[target], timezone.now())
        fields = ["status", _STAMPED[target], "updated_at"]
        if target == P.PAID and reference:
            payout.reference = reference.strip()[:100]
            fields.append("reference")
        if target == P.FAILED:
            payout.failure_reason = reason[:255]
            fields.append("failure_reason")
            _return_to_balance(payout, reason)
        payout.save(update_fields=fields)
        record_payout_event(payout, from_status=previous, actor=actor, reason=reason)
        publish(
            payout_status_event(target),
            {
                "payout_id": payout.pk,
                "shop_id": payout.shop_id,
                "amount": str(payout.money.quantize().amount),
                "currency": payout.currency,
                "from": previous.value,
                "to": target.value,
            },
        )
    return payout


def _return_to_balance(payout: Payout, reason: str) -> None:
    text = f"Payout #{payout.pk} failed" + (f": {reason}" if reason else "")
    LedgerEntry.objects.create(
        shop_id=payout.shop_id,
        currency=payout.currency,
        kind=EntryKind.PAYOUT_RETURNED,
        amount=payout.money.quantize().amount,
        key=f"payout_returned:{payout.pk}",
        description=text[:255],
    )
