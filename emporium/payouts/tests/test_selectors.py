"""Reads of the ledger: balances per currency, entries and payouts, each a
fixed number of queries and only the shop's own."""

import pytest

from emporium.core.money import Money
from emporium.orders.models import Fulfilment
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts.selectors import (
    get_balances,
    list_ledger_entries,
    list_payouts_for_shop,
)
from emporium.payouts.services import run_payouts
from emporium.payouts.tests.factories import offer_of, sell, shop_with_rate

pytestmark = pytest.mark.django_db


def _deliver_all(shop) -> None:
    for fulfilment_id in Fulfilment.objects.filter(shop=shop).values_list(
        "pk", flat=True
    ):
        mark_fulfilment_shipped(fulfilment_id=fulfilment_id, actor=None)
        mark_fulfilment_delivered(fulfilment_id=fulfilment_id, actor=None)


def test_balances_come_per_currency_the_shops_own_first(django_assert_num_queries):
    shop = shop_with_rate("10.00", default_currency="JPY")
    sell([(offer_of(shop, "10.00"), 1)])  # 14.90 - 0.84 = 14.06 EUR
    sell([(offer_of(shop, "1100", "JPY"), 1)], quotes={shop.pk: "500"}, vat="10")

    with django_assert_num_queries(2):
        balances = get_balances(shop=shop)

    # 1,100 JPY gross at 10 % = 1,000 net; 10 % = 100; 1,600 - 100.
    assert [(b.currency, b.pending) for b in balances] == [
        ("JPY", Money("1500", "JPY")),
        ("EUR", Money("14.06", "EUR")),
    ]


def test_a_shop_without_sales_has_no_balance():
    assert get_balances(shop=shop_with_rate()) == []


@pytest.mark.parametrize("orders", [2, 20])
def test_the_ledger_is_one_query_whatever_its_length(orders, django_assert_num_queries):
    shop, other = shop_with_rate(), shop_with_rate()
    offer = offer_of(shop, "10.00")
    for _ in range(orders):
        sell([(offer, 1), (offer_of(other, "5.00"), 1)])

    with django_assert_num_queries(1):
        entries = [
            (e.kind, e.order.number, e.is_due) for e in list_ledger_entries(shop=shop)
        ]

    assert len(entries) == 2 * orders  # a sale and a commission each
    assert not any(is_due for _, _, is_due in entries)


def test_the_ledger_marks_due_entries_and_filters_by_kind():
    shop = shop_with_rate()
    sell([(offer_of(shop, "10.00"), 1)])
    _deliver_all(shop)

    sales = list(list_ledger_entries(shop=shop, kind="sale"))

    assert [(e.kind, e.is_due) for e in sales] == [("sale", True)]


@pytest.mark.parametrize("count", [2, 20])
def test_payouts_are_one_query_and_only_the_shops_own(count, django_assert_num_queries):
    shops = [shop_with_rate() for _ in range(count)]
    mine = shops[0]
    for shop in shops:
        sell([(offer_of(shop, "10.00"), 1)])
        _deliver_all(shop)
    run_payouts()

    with django_assert_num_queries(1):
        payouts = list(list_payouts_for_shop(shop=mine))

    assert [p.shop_id for p in payouts] == [mine.pk]
