"""Settling: what is due becomes a payout, once, and staff mark it paid or
failed.

A run settles each shop's due entries per currency into one `Payout` and
writes its `payout` entry (- the amount). Two runs at the same time never
settle an entry twice: each account's due entries are locked
(`SELECT ... FOR UPDATE`) and linked to the payout with a conditional
update (only entries in no payout yet); the second run waits, then finds
them settled and writes nothing.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.core.money import Money, format_money
from emporium.payouts.constants import PAYOUT_CREATED, EntryKind, PayoutStatus
from emporium.payouts.errors import SettlementConflict
from emporium.payouts.models import LedgerEntry, Payout
from emporium.payouts.selectors import (
    is_shop_payable,
    list_accounts_with_due_entries,
    list_due_entries,
    minimum_payout,
)
from emporium.payouts.states import record_payout_event, transition_payout

logger = logging.getLogger(__name__)


def settle_shop_balance(
    *,
    shop_id: int,
    currency: str,
    now: datetime | None = None,
    actor: User | None = None,
) -> Payout | None:
    """Settle the shop's due balance in `currency` into a pending payout.

    Locks the due entries in no payout yet, adds them up and, if the sum
    reaches the minimum (`PAYOUT_MINIMUM_AMOUNTS`, else anything above
    zero), creates the payout, links the entries to it and writes the
    `payout` entry. Otherwise (or when another run took them) None. A shop
    that is not approved (suspended, mostly) is paid nothing: its money
    waits until staff reinstate it. Publishes `payout.created`.

    Raises:
        SettlementConflict: some entries were settled by another run between
            the lock and the update (not on PostgreSQL, where the lock
            waits); nothing is written.
    """
    if not is_shop_payable(shop_id=shop_id):
        return None
    with transaction.atomic():
        entries = list(
            list_due_entries(shop_id=shop_id, currency=currency, now=now)
            .select_for_update(of=("self",))
            .order_by("pk")
            .only("pk", "amount")
        )
        total = Money(sum(e.amount for e in entries), currency).quantize()
        if (
            not entries
            or total <= Money.zero(currency)
            or total < minimum_payout(currency)
        ):
            return None
        payout = Payout.objects.create(
            shop_id=shop_id, currency=currency, amount=total.amount
        )
        settled = LedgerEntry.objects.filter(
            pk__in=[e.pk for e in entries], payout__isnull=True
        ).update(payout=payout)
        if settled != len(entries):
            raise SettlementConflict(
                "Another run settled some of these entries first; try again."
            )
        LedgerEntry.objects.create(
            shop_id=shop_id,
            currency=currency,
            kind=EntryKind.PAYOUT,
            amount=-total.amount,
            payout=payout,
            key=f"payout:{payout.pk}",
            description=f"Payout #{payout.pk}",
        )
        record_payout_event(payout, from_status="", actor=actor)
        publish(
            PAYOUT_CREATED,
            {
                "payout_id": payout.pk,
                "shop_id": shop_id,
                "amount": str(total.amount),
                "currency": currency,
                "entries": len(entries),
            },
        )
    logger.info("payout #%s: %s to shop %s", payout.pk, format_money(total), shop_id)
    return payout


def run_payouts(
    *, now: datetime | None = None, actor: User | None = None
) -> list[Payout]:
    """Settle every shop's due balance, per currency; the payouts made.

    Each account in its own transaction (`settle_shop_balance`). Safe to run
    again and at the same time as another run (Celery beat, the command).
    """
    now = now or timezone.now()
    payouts = []
    for shop_id, currency in list_accounts_with_due_entries(now=now):
        try:
            payout = settle_shop_balance(
                shop_id=shop_id, currency=currency, now=now, actor=actor
            )
        except SettlementConflict:
            continue  # the other run paid this account; nothing was written
        if payout is not None:
            payouts.append(payout)
    return payouts


def mark_payout_paid(
    *, payout_id: int, actor: User | None, reference: str = ""
) -> Payout:
    """Record that the money reached the shop (the bank's `reference`).

    Raises:
        PayoutNotFound, InvalidPayoutTransition: not pending.
    """
    return transition_payout(
        payout_id=payout_id, to=PayoutStatus.PAID, actor=actor, reference=reference
    )


def mark_payout_failed(*, payout_id: int, actor: User | None, reason: str) -> Payout:
    """Record that the transfer failed; its amount is available again.

    Raises:
        PayoutNotFound, InvalidPayoutTransition: not pending.
    """
    return transition_payout(
        payout_id=payout_id, to=PayoutStatus.FAILED, actor=actor, reason=reason
    )
