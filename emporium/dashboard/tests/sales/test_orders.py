"""The shop's orders in the dashboard: only its own parts, shipped and
delivered through the orders services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from emporium.dashboard.tests.sales.conftest import (
    MAX_PAGE_QUERIES,
    fulfilment_of,
    page_queries,
)
from emporium.orders.constants import FulfilmentStatus
from emporium.orders.models import Fulfilment, Order
from emporium.orders.services import mark_fulfilment_shipped
from emporium.payouts.tests.factories import offer_of, sell

pytestmark = pytest.mark.django_db

ORDERS = reverse("dashboard:orders")


def _detail(fulfilment: Fulfilment) -> str:
    return reverse("dashboard:order-detail", args=[fulfilment.pk])


def _ship(fulfilment: Fulfilment) -> str:
    return reverse("dashboard:order-ship", args=[fulfilment.pk])


def _deliver(fulfilment: Fulfilment) -> str:
    return reverse("dashboard:order-deliver", args=[fulfilment.pk])


TRACKING = {
    "carrier": "DHL",
    "tracking_number": "JD0001",
    "tracking_url": "https://track.example/JD0001",
}


# --- Who may come in ------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "detail", "ship", "deliver"])
def test_anonymous_visitors_are_sent_to_sign_in(client, example, page):
    fulfilment = fulfilment_of(example, example.north)
    url = {
        "list": ORDERS,
        "detail": _detail(fulfilment),
        "ship": _ship(fulfilment),
        "deliver": _deliver(fulfilment),
    }[page]

    response = (
        client.get(url) if page in ("list", "detail") else client.post(url, TRACKING)
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_someone_who_runs_no_shop_is_refused(stranger_client, example):
    response = stranger_client.get(ORDERS)

    assert response.status_code == 403
    assert b"You do not run a shop yet" in response.content


# --- The list -------------------------------------------------------------------


def test_the_list_shows_only_the_shops_own_parts(north_client, example):
    theirs = sell([(offer_of(example.south, "9.00"), 1)])

    response = north_client.get(ORDERS)

    html = response.content.decode()
    assert response.status_code == 200
    assert example.order.number in html
    assert theirs.number not in html
    assert "€21.60" in html  # North's items only, not the order's 58.40
    assert "Ada Lovelace" in html
    assert "no-store" in response["Cache-Control"]


def test_the_list_filters_by_status_and_day(north_client, example):
    older = sell([(offer_of(example.north, "5.00"), 1)])
    Order.objects.filter(pk=older.pk).update(
        placed_at=timezone.now() - timedelta(days=5)
    )
    mark_fulfilment_shipped(
        fulfilment_id=fulfilment_of(example, example.north).pk, actor=None
    )
    today = timezone.localdate()

    shipped = north_client.get(ORDERS, {"status": "shipped"}).content.decode()
    recent = north_client.get(ORDERS, {"from": today.isoformat()}).content.decode()

    assert example.order.number in shipped
    assert older.number not in shipped
    assert example.order.number in recent
    assert older.number not in recent


def test_a_range_that_ends_before_it_starts_is_refused(north_client, example):
    response = north_client.get(ORDERS, {"from": "2026-05-02", "to": "2026-05-01"})

    assert response.status_code == 400
    assert b"Choose a day on or before the end." in response.content


def test_the_list_page_runs_the_same_queries_for_2_and_20_orders(north_client, example):
    offer = offer_of(example.north, "5.00")
    sell([(offer, 1), (offer_of(example.south, "5.00"), 1)])
    few, _ = page_queries(north_client, ORDERS)
    for _ in range(18):
        sell([(offer, 1), (offer_of(example.south, "5.00"), 1)])

    many, response = page_queries(north_client, ORDERS)

    assert len(response.context["page_obj"].object_list) == 20
    assert few == many < MAX_PAGE_QUERIES  # the frame, count, page


# --- One order ------------------------------------------------------------------


def test_an_order_shows_the_shops_items_and_where_to_ship(north_client, example):
    response = north_client.get(_detail(fulfilment_of(example, example.north)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mug" in html
    assert "Lamp" not in html
    assert "Hauptstr. 1" in html
    assert "Ada Lovelace" in html
    assert "€26.50" in html  # 21.60 + 4.90, North's part
    assert "€58.40" not in html  # the order's total is not the shop's
    assert "buyer@example.com" not in html  # nor the payment: not needed to ship
    assert "Payment" not in html
    assert "Billing" not in html
    assert "data-ship-form" in html


@pytest.mark.parametrize("action", ["detail", "ship", "deliver"])
def test_another_shops_order_is_not_found(north_client, example, action):
    theirs = fulfilment_of(example, example.south)

    if action == "detail":
        response = north_client.get(_detail(theirs))
    else:
        url = _ship(theirs) if action == "ship" else _deliver(theirs)
        response = north_client.post(url, TRACKING)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == FulfilmentStatus.PENDING


def test_shipping_records_the_tracking_and_emails_the_buyer(
    north_staff_client, example, django_capture_on_commit_callbacks
):
    fulfilment = fulfilment_of(example, example.north)

    with django_capture_on_commit_callbacks(execute=True):
        response = north_staff_client.post(_ship(fulfilment), TRACKING)

    assert response.status_code == 302
    assert response["Location"] == _detail(fulfilment)
    fulfilment.refresh_from_db()
    assert (fulfilment.status, fulfilment.carrier, fulfilment.tracking_number) == (
        FulfilmentStatus.SHIPPED,
        "DHL",
        "JD0001",
    )
    shipped = [m for m in mail.outbox if "is on its way" in m.subject]
    assert [m.to for m in shipped] == [["buyer@example.com"]]
    assert "https://track.example/JD0001" in shipped[0].body
    page = north_staff_client.get(response["Location"]).content.decode()
    assert "is marked shipped" in page
    assert "data-deliver-form" in page


def test_an_unpaid_order_does_not_ship_and_says_why(north_client, example):
    unpaid = sell([(offer_of(example.north, "5.00"), 1)], paid=False)
    fulfilment = Fulfilment.objects.get(order=unpaid)

    page = north_client.get(_detail(fulfilment)).content.decode()
    response = north_client.post(_ship(fulfilment), TRACKING)

    assert "has not paid yet" in page
    assert "data-ship-form" not in page
    assert response.status_code == 409
    assert "only a paid order ships" in response.content.decode()
    fulfilment.refresh_from_db()
    assert fulfilment.status == FulfilmentStatus.PENDING


def test_a_tracking_link_that_is_not_http_is_refused_on_its_field(
    north_client, example
):
    fulfilment = fulfilment_of(example, example.north)

    response = north_client.post(
        _ship(fulfilment), {**TRACKING, "tracking_url": "javascript:alert(1)"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["tracking_url"] == [
        "Enter an http or https address."
    ]
    fulfilment.refresh_from_db()
    assert fulfilment.status == FulfilmentStatus.PENDING


def test_a_shipped_parcel_is_marked_delivered(north_client, example):
    fulfilment = fulfilment_of(example, example.north)
    north_client.post(_ship(fulfilment), TRACKING)

    response = north_client.post(_deliver(fulfilment))

    assert response.status_code == 302
    fulfilment.refresh_from_db()
    assert fulfilment.status == FulfilmentStatus.DELIVERED


def test_a_parcel_not_shipped_cannot_be_delivered(north_client, example):
    fulfilment = fulfilment_of(example, example.north)

    response = north_client.post(_deliver(fulfilment))

    assert response.status_code == 409
    assert "cannot move from pending to delivered" in response.content.decode()


def test_the_actions_only_accept_posts(north_client, example):
    fulfilment = fulfilment_of(example, example.north)

    assert north_client.get(_ship(fulfilment)).status_code == 405
    assert north_client.get(_deliver(fulfilment)).status_code == 405
