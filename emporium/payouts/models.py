"""The payout ledger of each shop and the payouts that settle it.

`LedgerEntry` is append-only: an entry's amount never changes and no entry
is deleted. The one write after insertion is `payout`, set once when a
payout settles the entry (a conditional update: only while it is empty).
`Payout.status` changes only through `payouts.states.transition_payout`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from emporium.core.money import amount_field, currency_field, money_property
from emporium.payouts.constants import (
    CREDIT_KINDS,
    DEBIT_KINDS,
    EntryKind,
    PayoutStatus,
)


class Payout(models.Model):
    """Money sent to a shop: the sum of the ledger entries it settled."""

    shop = models.ForeignKey(
        "vendors.Shop", on_delete=models.PROTECT, related_name="payouts"
    )
    currency = currency_field()
    amount = amount_field()
    status = models.CharField(
        max_length=16, choices=PayoutStatus.choices, default=PayoutStatus.PENDING
    )
    # The bank's reference of the transfer, once staff sent it.
    reference = models.CharField(max_length=100, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    money = money_property("amount")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["shop", "-created_at"], name="payout_shop_created_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_positive"),
            models.CheckConstraint(
                condition=Q(status__in=PayoutStatus.values), name="payout_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Payout #{self.pk} to {self.shop_id}: {self.money}"


class LedgerEntry(models.Model):
    """One movement of a shop's money, signed: + owed to the shop, - not.

    `key` makes every write idempotent: the same sale, commission, refund
    part or payout always has the same key, so a redelivered event or a
    second run writes nothing twice (see `services.ledger`).
    """

    shop = models.ForeignKey("vendors.Shop", on_delete=models.PROTECT, related_name="+")
    currency = currency_field()
    kind = models.CharField(max_length=24, choices=EntryKind.choices)
    amount = amount_field()
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The shop's part of the order the money belongs to; it decides when the
    # entry is due (delivered, or shipped long enough ago). None: due at once.
    fulfilment = models.ForeignKey(
        "orders.Fulfilment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payout = models.ForeignKey(
        Payout,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        help_text="The payout that settled this entry (or that it records).",
    )
    key = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    money = money_property("amount")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(
                fields=["shop", "currency", "payout"], name="ledger_shop_unsettled_idx"
            ),
            models.Index(
                fields=["shop", "-created_at"], name="ledger_shop_created_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=CREDIT_KINDS) & Q(amount__gte=0))
                | (Q(kind__in=DEBIT_KINDS) & Q(amount__lte=0)),
                name="ledger_entry_kind_and_sign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.money} ({self.shop_id})"


class PayoutEvent(models.Model):
    """One step of a payout's history: who moved it, from, to, why, when."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=PayoutStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.payout_id}: {self.from_status or '-'} → {self.to_status}"
