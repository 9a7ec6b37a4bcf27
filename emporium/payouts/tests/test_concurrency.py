"""Payout runs racing on PostgreSQL: no entry is ever settled twice.

SQLite serialises whole-database writes, so only PostgreSQL shows that the
row locks on the due entries (and the conditional update that links them
to a payout) keep this promise; the tests skip elsewhere and CI runs them.
"""

import time
from decimal import Decimal
from unittest import mock

import pytest

from emporium.core.tests.race import run_together
from emporium.orders.models import Fulfilment
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts import selectors
from emporium.payouts.constants import EntryKind
from emporium.payouts.models import LedgerEntry, Payout
from emporium.payouts.services import run_payouts, settle_shop_balance
from emporium.payouts.tests.factories import offer_of, sell, shop_with_rate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _shops_with_delivered_sales(shops: int, orders: int) -> list:
    """Each shop sells `orders` x one 10.00 item, delivered: 14.06 each."""
    result = []
    for _ in range(shops):
        shop = shop_with_rate("10.00")
        offer = offer_of(shop, "10.00")
        for _ in range(orders):
            sell([(offer, 1)])
        for fulfilment_id in Fulfilment.objects.filter(shop=shop).values_list(
            "pk", flat=True
        ):
            mark_fulfilment_shipped(fulfilment_id=fulfilment_id, actor=None)
            mark_fulfilment_delivered(fulfilment_id=fulfilment_id, actor=None)
        result.append(shop)
    return result


def _slow_minimum(currency: str):
    # Called while the run holds its account's locks: keep them a moment,
    # so the other runs surely arrive while they are held.
    time.sleep(0.3)
    return selectors.minimum_payout(currency)


def test_two_runs_at_once_settle_each_entry_once():
    shops = _shops_with_delivered_sales(shops=3, orders=4)

    with mock.patch(
        "emporium.payouts.services.settlement.minimum_payout", _slow_minimum
    ):
        outcomes = run_together([lambda: len(run_payouts()) for _ in range(2)])

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == 3  # one payout per shop, whichever run made it
    for shop in shops:
        (payout,) = Payout.objects.filter(shop=shop)
        # 4 x (14.90 - 0.84) = 56.24, once.
        assert payout.amount == Decimal("56.24")
        settled = LedgerEntry.objects.filter(payout=payout).exclude(
            kind=EntryKind.PAYOUT
        )
        assert settled.count() == 8
        assert sum(settled.values_list("amount", flat=True)) == payout.amount
    assert not LedgerEntry.objects.filter(
        payout__isnull=True, kind__in=[EntryKind.SALE, EntryKind.COMMISSION]
    ).exists()


def test_four_settlements_of_one_account_at_once_make_one_payout():
    (shop,) = _shops_with_delivered_sales(shops=1, orders=2)

    with mock.patch(
        "emporium.payouts.services.settlement.minimum_payout", _slow_minimum
    ):
        outcomes = run_together(
            [
                lambda: settle_shop_balance(shop_id=shop.pk, currency="EUR")
                for _ in range(4)
            ]
        )

    made = [outcome for outcome in outcomes if isinstance(outcome, Payout)]
    assert len(made) == 1, outcomes
    assert outcomes.count(None) == 3, outcomes
    assert made[0].amount == Decimal("28.12")
    assert LedgerEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 1
