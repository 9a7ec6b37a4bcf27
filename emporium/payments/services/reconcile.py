"""Reconciliation: payments stuck processing or waiting for an action.

A crash between the provider's answer and our commit, a webhook that never
came, a buyer who left the 3-D Secure page: `reconcile_payments` asks the
provider where such payments stand and settles them, or reports them.
Run by `manage.py reconcile_payments` and Celery beat.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from emporium.payments.constants import RECONCILE_AFTER_MINUTES
from emporium.payments.errors import AmountMismatch, ProviderError
from emporium.payments.providers import provider_for_code
from emporium.payments.selectors import get_payment, list_stuck_payment_ids
from emporium.payments.services.starting import settle


@dataclass(frozen=True, slots=True)
class ReconcileLine:
    """One stuck payment: its status before, at the provider, and after."""

    payment_id: int
    order_number: str
    was: str
    provider_says: str
    now: str
    note: str


def reconcile_payments(
    *,
    older_than_minutes: int = RECONCILE_AFTER_MINUTES,
    dry_run: bool = False,
    now: datetime | None = None,
) -> list[ReconcileLine]:
    """Settle payments unchanged for `older_than_minutes` in processing or
    requires_action, as their provider says; a line for each.

    `dry_run` asks the providers but changes nothing. Each payment is
    settled on its own (`apply_result`), so a failure stops nothing else.
    """
    cutoff = (now or timezone.now()) - timedelta(minutes=older_than_minutes)
    return [
        _reconcile_one(payment_id, dry_run=dry_run)
        for payment_id in list_stuck_payment_ids(older_than=cutoff)
    ]


def _reconcile_one(payment_id: int, *, dry_run: bool) -> ReconcileLine:
    payment = get_payment(payment_id=payment_id)

    def line(provider_says: str, now: str, note: str) -> ReconcileLine:
        return ReconcileLine(
            payment.pk, payment.order.number, payment.status, provider_says, now, note
        )

    try:
        result = provider_for_code(payment.provider).fetch(payment)
    except ProviderError as exc:
        return line("?", payment.status, f"provider unreachable: {exc.message}")
    if result is None:
        return line("?", payment.status, "unknown to the provider; check by hand")
    if result.status == payment.status:
        return line(result.status, payment.status, "unchanged")
    if dry_run:
        return line(result.status, payment.status, "would settle (dry run)")
    try:
        settled = settle(payment.pk, result, actor=None)
    except AmountMismatch as exc:
        return line(result.status, payment.status, f"refused: {exc.message}")
    return line(result.status, settled.status, "settled")
