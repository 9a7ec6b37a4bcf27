"""The vendor money API: balance, ledger and payouts of the shop only, with
hand-computed figures (payouts.tests.factories.worked_example)."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES, client_for
from emporium.core.money import Money
from emporium.orders.models import Fulfilment
from emporium.orders.services import (
    mark_fulfilment_delivered,
    mark_fulfilment_shipped,
    record_order_refund,
)
from emporium.payouts.models import LedgerEntry, Payout
from emporium.payouts.services import run_payouts
from emporium.payouts.tests.factories import offer_of, sell, worked_example

pytestmark = pytest.mark.django_db

BALANCE, LEDGER, PAYOUTS = f"{API}/balance/", f"{API}/ledger/", f"{API}/payouts/"


@pytest.fixture
def example():
    return worked_example()


@pytest.fixture
def north(example):
    return client_for(example.north.owner)


def _deliver(shop) -> None:
    pending = Fulfilment.objects.filter(shop=shop, status="pending")
    for fulfilment_id in pending.values_list("pk", flat=True):
        mark_fulfilment_shipped(fulfilment_id=fulfilment_id, actor=None)
        mark_fulfilment_delivered(fulfilment_id=fulfilment_id, actor=None)


@pytest.mark.parametrize("route", [BALANCE, LEDGER, PAYOUTS])
def test_anonymous_callers_get_401_and_non_vendors_403(example, route):
    anonymous = client_for(None).get(route)
    stranger = client_for(UserFactory()).get(route)

    assert (anonymous.status_code, anonymous.json()["code"]) == (
        401,
        "not_authenticated",
    )
    assert (stranger.status_code, stranger.json()["code"]) == (403, "not_a_vendor")


def test_the_balance_after_a_partial_refund_and_a_payout(
    north, example, django_capture_on_commit_callbacks
):
    # North: 26.50 - 1.82 = 24.68, delivered and paid out; then 20.00 of the
    # order is refunded: North gives back 9.08 and gets 0.62 of commission.
    _deliver(example.north)
    run_payouts()
    with django_capture_on_commit_callbacks(execute=True):
        record_order_refund(
            order_id=example.order.pk, amount=Money("20.00", "EUR"), actor=None
        )

    body = north.get(BALANCE).json()

    assert body == {
        "hold_days": 14,
        "balances": [
            {
                "currency": "EUR",
                "available": "-8.46",
                "pending": "0.00",
                "in_payout": "24.68",
                "paid_out": "0.00",
            }
        ],
    }


def test_the_ledger_lists_the_shops_entries_with_their_state(north, example):
    _deliver(example.north)
    (payout,) = run_payouts()
    sell([(offer_of(example.north, "10.00"), 1)])  # held

    body = north.get(LEDGER).json()

    rows = [(r["kind"], r["amount"], r["state"]) for r in body["results"]]
    assert rows == [
        ("commission", "-0.84", "held"),
        ("sale", "14.90", "held"),
        ("payout", "-24.68", "settled"),
        ("commission", "-1.82", "settled"),
        ("sale", "26.50", "settled"),
    ]
    assert body["results"][2]["payout"] == payout.pk
    assert body["results"][4]["order_number"] == example.order.number
    south_ids = set(
        LedgerEntry.objects.filter(shop=example.south).values_list("pk", flat=True)
    )
    assert south_ids.isdisjoint({row["id"] for row in body["results"]})


def test_the_ledger_filters_by_kind_and_refuses_an_unknown_one(north, example):
    sales = north.get(LEDGER, {"kind": "sale"}).json()
    unknown = north.get(LEDGER, {"kind": "bonus"})

    assert [row["kind"] for row in sales["results"]] == ["sale"]
    assert (unknown.status_code, unknown.json()["code"]) == (400, "invalid")


def test_payouts_list_only_the_shops_own(north, example):
    _deliver(example.north)
    _deliver(example.south)
    made = {p.shop_id: p for p in run_payouts()}

    body = north.get(PAYOUTS).json()

    assert [row["id"] for row in body["results"]] == [made[example.north.pk].pk]
    assert body["results"][0] | {"created_at": None} == {
        "id": made[example.north.pk].pk,
        "amount": "24.68",
        "currency": "EUR",
        "status": "pending",
        "status_display": "Being paid",
        "reference": "",
        "failure_reason": "",
        "created_at": None,
        "paid_at": None,
        "failed_at": None,
    }
    assert Payout.objects.filter(shop=example.south).exists()


@pytest.mark.parametrize("orders", [2, 20])
@pytest.mark.parametrize(("route", "extra"), [(LEDGER, 2), (PAYOUTS, 2), (BALANCE, 2)])
def test_each_money_endpoint_is_a_fixed_number_of_queries(
    north, example, orders, route, extra, django_assert_num_queries
):
    offer = offer_of(example.north, "5.00")
    for _ in range(orders):
        sell([(offer, 1)])
        _deliver(example.north)
        run_payouts()

    # ledger and payouts: count, page; balance: entries, payouts
    with django_assert_num_queries(VENDOR_QUERIES + extra):
        assert north.get(route, {"page_size": 100}).status_code == 200
