"""Reads of the payout ledger: a shop's balances, entries and payouts, and
what is due for settlement.

**When money is due.** An entry tied to a shop's fulfilment is held until
the parcel was delivered, or shipped at least `PAYOUT_HOLD_DAYS` days ago;
a fulfilment that never ships (cancelled) keeps its entries held, and the
order's refund then brings them to zero. An entry tied to no fulfilment (a
failed payout's return) is due at once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Sum
from django.utils import timezone

from emporium.core.money import Money
from emporium.payouts.constants import PayoutStatus
from emporium.payouts.models import LedgerEntry, Payout
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop


@dataclass(frozen=True, slots=True)
class Balance:
    """A shop's money in one currency.

    `available`: due and not yet paid out (may be negative after a
    clawback: later sales make it good). `pending`: held until delivery or
    the hold ends. `in_payout`: payouts being paid. `paid_out`: payouts paid.
    """

    currency: str
    available: Money
    pending: Money
    in_payout: Money
    paid_out: Money


def hold_days() -> int:
    return settings.PAYOUT_HOLD_DAYS


def minimum_payout(currency: str) -> Money:
    """The smallest payout in `currency` (`PAYOUT_MINIMUM_AMOUNTS`; else any
    amount above zero)."""
    return Money(settings.PAYOUT_MINIMUM_AMOUNTS.get(currency, 0), currency)


def due_condition(now: datetime | None = None) -> Q:
    """Entries due by `now` (see the module docstring)."""
    cutoff = (now or timezone.now()) - timedelta(days=hold_days())
    return (
        Q(fulfilment__isnull=True)
        | Q(fulfilment__delivered_at__isnull=False)
        | Q(fulfilment__shipped_at__lte=cutoff)
    )


def list_due_entries(
    *, shop_id: int, currency: str, now: datetime | None = None
) -> QuerySet[LedgerEntry]:
    """A shop's entries in `currency` that are due and in no payout yet."""
    return LedgerEntry.objects.filter(
        due_condition(now), shop_id=shop_id, currency=currency, payout__isnull=True
    )


def is_shop_payable(*, shop_id: int) -> bool:
    """Whether the shop may be paid out now: only approved shops are (a
    suspended shop's money waits until staff reinstate it)."""
    return Shop.objects.filter(pk=shop_id, status=ShopStatus.APPROVED).exists()


def list_accounts_with_due_entries(
    *, now: datetime | None = None
) -> list[tuple[int, str]]:
    """(shop id, currency) of every payable shop's account with something due
    (one query)."""
    return list(
        LedgerEntry.objects.filter(
            due_condition(now),
            payout__isnull=True,
            shop__status=ShopStatus.APPROVED,
        )
        .order_by("shop_id", "currency")
        .values_list("shop_id", "currency")
        .distinct()
    )


def get_balances(*, shop: Shop, now: datetime | None = None) -> list[Balance]:
    """The shop's balance in each currency it sold in (two queries); the
    shop's own currency first."""
    entries = (
        LedgerEntry.objects.filter(shop=shop, payout__isnull=True)
        .values("currency")
        .annotate(
            unsettled=Sum("amount"),
            due=Sum("amount", filter=due_condition(now)),
        )
        .order_by()
    )
    payouts = (
        Payout.objects.filter(
            shop=shop, status__in=[PayoutStatus.PENDING, PayoutStatus.PAID]
        )
        .values("currency", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    figures: dict[str, dict[str, object]] = {}
    for row in entries:
        due = row["due"] or 0
        figures.setdefault(row["currency"], {}).update(
            available=due, held=row["unsettled"] - due
        )
    for row in payouts:
        figures.setdefault(row["currency"], {})[f"payouts_{row['status']}"] = row[
            "total"
        ]
    currencies = sorted(figures, key=lambda c: (c != shop.default_currency, c))
    return [_balance(currency, figures[currency]) for currency in currencies]


def _balance(currency: str, figures: dict[str, object]) -> Balance:
    def money(name: str) -> Money:
        return Money(figures.get(name) or 0, currency).quantize()

    return Balance(
        currency=currency,
        available=money("available"),
        pending=money("held"),
        in_payout=money(f"payouts_{PayoutStatus.PENDING}"),
        paid_out=money(f"payouts_{PayoutStatus.PAID}"),
    )


def list_ledger_entries(
    *, shop: Shop, kind: str = "", now: datetime | None = None
) -> QuerySet[LedgerEntry]:
    """The shop's ledger, newest first, each entry with its order and
    `is_due` (one query)."""
    entries = (
        LedgerEntry.objects.filter(shop=shop)
        .select_related("order")
        .annotate(
            is_due=ExpressionWrapper(due_condition(now), output_field=BooleanField())
        )
        .order_by("-created_at", "-pk")
    )
    if kind:
        entries = entries.filter(kind=kind)
    return entries


def list_payouts_for_shop(*, shop: Shop) -> QuerySet[Payout]:
    """The shop's payouts, newest first (one query)."""
    return Payout.objects.filter(shop=shop).order_by("-created_at", "-pk")
