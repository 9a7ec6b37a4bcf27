"""Ledger entry kinds, payout statuses, event names and defaults."""

from django.db import models


class EntryKind(models.TextChoices):
    # What the shop earned: its lines as the buyer paid them and its parcel's
    # shipping (+), less the platform's commission on the lines' net (-).
    SALE = "sale", "Sale"
    COMMISSION = "commission", "Commission"
    # A refund clawed back from the shop (-), with the commission on it
    # given back (+).
    REFUND = "refund", "Refund"
    COMMISSION_REFUND = "commission_refund", "Commission returned"
    # Money sent to the shop (-); returned to the balance if it failed (+).
    PAYOUT = "payout", "Payout"
    PAYOUT_RETURNED = "payout_returned", "Payout returned"


CREDIT_KINDS = frozenset(
    {EntryKind.SALE, EntryKind.COMMISSION_REFUND, EntryKind.PAYOUT_RETURNED}
)
DEBIT_KINDS = frozenset({EntryKind.COMMISSION, EntryKind.REFUND, EntryKind.PAYOUT})


class PayoutStatus(models.TextChoices):
    PENDING = "pending", "Being paid"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"


PAYOUT_CREATED = "payout.created"


def payout_status_event(status: str) -> str:
    """The event published when a payout enters `status` ("payout.paid")."""
    return f"payout.{status}"


# Defaults of the settings (docs/configuration.md).
DEFAULT_HOLD_DAYS = 14
