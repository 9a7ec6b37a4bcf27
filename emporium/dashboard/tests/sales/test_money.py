"""The shop's money page: balances, its own ledger and payouts only."""

import pytest
from django.urls import reverse

from emporium.dashboard.tests.sales.conftest import MAX_PAGE_QUERIES, page_queries
from emporium.orders.models import Fulfilment
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts.models import LedgerEntry
from emporium.payouts.services import run_payouts
from emporium.payouts.tests.factories import offer_of, sell

pytestmark = pytest.mark.django_db

MONEY = reverse("dashboard:money")


def _deliver(shop) -> None:
    pending = Fulfilment.objects.filter(shop=shop, status="pending")
    for fulfilment_id in pending.values_list("pk", flat=True):
        mark_fulfilment_shipped(fulfilment_id=fulfilment_id, actor=None)
        mark_fulfilment_delivered(fulfilment_id=fulfilment_id, actor=None)


def test_the_balance_shows_what_is_held_available_and_paid(north_client, example):
    _deliver(example.north)
    run_payouts()  # North's 24.68 is being paid
    sell([(offer_of(example.north, "10.00"), 1)])  # 14.90 - 0.84 held

    response = north_client.get(MONEY)

    (balance,) = response.context["balances"]
    assert (
        str(balance.available),
        str(balance.pending),
        str(balance.in_payout),
        str(balance.paid_out),
    ) == ("0.00 EUR", "14.06 EUR", "24.68 EUR", "0.00 EUR")
    html = response.content.decode()
    assert "€24.68" in html
    assert "Payout #" in html


def test_only_the_shops_own_entries_and_payouts_are_shown(north_client, example):
    _deliver(example.north)
    _deliver(example.south)
    payouts = {p.shop_id: p for p in run_payouts()}

    response = north_client.get(MONEY)

    entries = response.context["page_obj"].object_list
    assert {entry.shop_id for entry in entries} == {example.north.pk}
    assert [p.pk for p in response.context["payouts"]] == [payouts[example.north.pk].pk]
    south_entry = LedgerEntry.objects.filter(shop=example.south).first()
    assert f'data-entry="{south_entry.pk}"' not in response.content.decode()
    assert f'data-payout="{payouts[example.south.pk].pk}"' not in (
        response.content.decode()
    )


def test_the_ledger_filters_by_kind(north_client, example):
    response = north_client.get(MONEY, {"kind": "commission"})

    kinds = {entry.kind for entry in response.context["page_obj"].object_list}
    assert kinds == {"commission"}


def test_the_money_page_runs_the_same_queries_for_2_and_20_orders(
    north_client, example
):
    offer = offer_of(example.north, "5.00")

    def add(orders: int) -> None:
        for _ in range(orders):
            sell([(offer, 1)])
        _deliver(example.north)
        run_payouts()

    add(1)
    few, _ = page_queries(north_client, MONEY)
    add(18)

    many, response = page_queries(north_client, MONEY)

    assert len(response.context["page_obj"].object_list) == 25
    # the frame, balances (2), ledger count and page, payouts
    assert few == many < MAX_PAGE_QUERIES


def test_someone_who_runs_no_shop_is_refused(stranger_client, example):
    assert stranger_client.get(MONEY).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, example):
    response = client.get(MONEY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
