"""The vendor orders API: a shop's fulfilments only, with its own lines,
shipped and delivered through the orders services."""

import pytest
from django.core import mail

from emporium.accounts.tests.factories import UserFactory
from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES, client_for
from emporium.orders.constants import FulfilmentStatus
from emporium.orders.models import Fulfilment
from emporium.payouts.tests.factories import offer_of, sell, worked_example
from emporium.vendors.tests.factories import ShopMemberFactory

pytestmark = pytest.mark.django_db

LIST = f"{API}/fulfilments/"
TRACKING = {
    "carrier": "DHL",
    "tracking_number": "JD0001",
    "tracking_url": "https://track.example/JD0001",
}


def _detail(fulfilment_id: int) -> str:
    return f"{LIST}{fulfilment_id}/"


@pytest.fixture
def example():
    return worked_example()


@pytest.fixture
def north(example):
    return client_for(example.north.owner)


def _part(example, shop) -> Fulfilment:
    return example.fulfilment(shop)


# --- Who may call ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "route"),
    [("get", ""), ("get", "{id}/"), ("post", "{id}/ship/"), ("post", "{id}/deliver/")],
)
def test_anonymous_callers_get_401_and_non_vendors_403(example, method, route):
    url = LIST + route.format(id=_part(example, example.north).pk)

    anonymous = getattr(client_for(None), method)(url)
    stranger = getattr(client_for(UserFactory()), method)(url)

    assert (anonymous.status_code, anonymous.json()["code"]) == (
        401,
        "not_authenticated",
    )
    assert (stranger.status_code, stranger.json()["code"]) == (403, "not_a_vendor")


# --- List -----------------------------------------------------------------------


def test_the_list_shows_only_the_shops_parts(north, example):
    theirs = sell([(offer_of(example.south, "9.00"), 1)])

    body = north.get(LIST).json()

    assert body["count"] == 1
    (row,) = body["results"]
    assert row["order_number"] == example.order.number
    assert row["order_number"] != theirs.number
    assert (row["items_total"], row["shipping"], row["item_count"]) == (
        "21.60",
        "4.90",
        2,
    )
    assert (row["buyer_name"], row["status"], row["order_status"]) == (
        "Ada Lovelace",
        "pending",
        "paid",
    )


def test_the_list_filters_by_status_and_refuses_a_reversed_range(north, example):
    shipped = north.get(LIST, {"status": "shipped"}).json()
    reversed_range = north.get(LIST, {"from": "2026-05-02", "to": "2026-05-01"})
    bad_status = north.get(LIST, {"status": "lost"})

    assert shipped["count"] == 0
    assert (reversed_range.status_code, reversed_range.json()["code"]) == (
        400,
        "invalid",
    )
    assert "from" in reversed_range.json()["fields"]
    assert bad_status.status_code == 400


@pytest.mark.parametrize("orders", [2, 20])
def test_the_list_is_a_fixed_number_of_queries(
    north, example, orders, django_assert_num_queries
):
    offer = offer_of(example.north, "5.00")
    for _ in range(orders - 1):
        sell([(offer, 1), (offer_of(example.south, "5.00"), 1)])

    with django_assert_num_queries(VENDOR_QUERIES + 2):  # count, page
        body = north.get(LIST, {"page_size": 50}).json()

    assert body["count"] == orders


# --- Detail ---------------------------------------------------------------------


def test_the_detail_shows_the_shops_lines_and_where_to_ship(north, example):
    part = _part(example, example.north)

    body = north.get(_detail(part.pk)).json()

    assert [line["product_title"] for line in body["lines"]] == ["Mug"]
    assert body["lines"][0]["commission_rate"] == "10.00"
    assert (body["items_total"], body["shipping"], body["total"]) == (
        "21.60",
        "4.90",
        "26.50",
    )
    assert body["shipping_address"]["line1"] == "Hauptstr. 1"
    assert body["order"]["number"] == example.order.number
    assert (body["can_ship"], body["can_mark_delivered"]) == (True, False)
    for private in ("email", "payment_method", "billing_address", "total"):
        assert private not in body["order"]


@pytest.mark.parametrize("action", ["", "ship/", "deliver/"])
def test_another_shops_part_is_not_found(north, example, action):
    theirs = _part(example, example.south)
    url = _detail(theirs.pk) + action

    response = north.post(url, TRACKING) if action else north.get(url)

    assert (response.status_code, response.json()["code"]) == (
        404,
        "fulfilment_not_found",
    )
    theirs.refresh_from_db()
    assert theirs.status == FulfilmentStatus.PENDING


def test_a_missing_part_is_not_found(north, example):
    response = north.get(_detail(999999))

    assert (response.status_code, response.json()["code"]) == (
        404,
        "fulfilment_not_found",
    )


# --- Ship and deliver -----------------------------------------------------------


def test_staff_ship_with_tracking_and_the_buyer_is_told(
    example, django_capture_on_commit_callbacks
):
    staff = client_for(ShopMemberFactory(shop=example.north).user)
    part = _part(example, example.north)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"{_detail(part.pk)}ship/", TRACKING, format="json")

    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["carrier"], body["tracking_url"]) == (
        "shipped",
        "DHL",
        "https://track.example/JD0001",
    )
    assert (body["can_ship"], body["can_mark_delivered"]) == (False, True)
    (shipped,) = [m for m in mail.outbox if "is on its way" in m.subject]
    assert "https://track.example/JD0001" in shipped.body


def test_an_unpaid_order_does_not_ship(north, example):
    unpaid = sell([(offer_of(example.north, "5.00"), 1)], paid=False)
    part = Fulfilment.objects.get(order=unpaid)

    response = north.post(f"{_detail(part.pk)}ship/", TRACKING, format="json")

    assert (response.status_code, response.json()["code"]) == (
        409,
        "invalid_transition",
    )
    assert "only a paid order ships" in response.json()["detail"]


def test_a_tracking_link_that_is_not_http_is_refused(north, example):
    part = _part(example, example.north)

    response = north.post(
        f"{_detail(part.pk)}ship/",
        {**TRACKING, "tracking_url": "ftp://track.example/1"},
        format="json",
    )

    body = response.json()
    assert (response.status_code, body["code"]) == (400, "invalid_tracking_url")
    assert body["fields"] == {"tracking_url": ["Enter an http or https address."]}


def test_shipping_twice_is_a_conflict(north, example):
    part = _part(example, example.north)
    north.post(f"{_detail(part.pk)}ship/", TRACKING, format="json")

    again = north.post(f"{_detail(part.pk)}ship/", TRACKING, format="json")

    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_a_shipped_part_is_delivered_once(north, example):
    part = _part(example, example.north)
    early = north.post(f"{_detail(part.pk)}deliver/")
    north.post(f"{_detail(part.pk)}ship/", TRACKING, format="json")

    delivered = north.post(f"{_detail(part.pk)}deliver/")

    assert (early.status_code, early.json()["code"]) == (409, "invalid_transition")
    assert delivered.status_code == 200
    assert delivered.json()["status"] == "delivered"
    assert delivered.json()["delivered_at"]
