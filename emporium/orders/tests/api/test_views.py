"""The orders API: own orders only, 404 for others', 401 for strangers."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.orders.services import mark_order_paid
from emporium.orders.tests.factories import place, stock_of, stocked_offer

pytestmark = pytest.mark.django_db

LIST = reverse("v1:order-list")


def _detail(number: str) -> str:
    return reverse("v1:order-detail", args=[number])


def _cancel(number: str) -> str:
    return reverse("v1:order-cancel", args=[number])


def test_the_list_shows_own_orders_paginated_in_bounded_queries(
    buyer_api, buyer, other_buyer, offer, django_assert_max_num_queries
):
    mine = [place([(offer, 1), (stocked_offer(), 2)], customer=buyer) for _ in range(3)]
    place([(offer, 1)], customer=other_buyer)

    with django_assert_max_num_queries(4):  # user, count, page (+ a savepoint)
        response = buyer_api.get(LIST, {"page_size": 2})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [o["number"] for o in body["results"]] == [mine[2].number, mine[1].number]
    assert body["results"][0] == {
        "number": mine[2].number,
        "status": "pending",
        "status_display": "Pending",
        "placed_at": body["results"][0]["placed_at"],
        "currency": "EUR",
        "total": "34.90",
        "item_count": 3,
    }
    assert body["next"] is not None


def test_the_detail_shows_lines_fulfilments_and_timeline(buyer_api, buyer, offer):
    order = place([(offer, 2)], customer=buyer)

    response = buyer_api.get(_detail(order.number))

    assert response.status_code == 200
    body = response.json()
    assert body["number"] == order.number
    assert (body["total"], body["tax"], body["can_cancel"]) == ("24.90", "3.97", True)
    assert body["lines"][0]["sku"] == offer.sku
    assert body["lines"][0]["gross"] == "20.00"
    assert body["fulfilments"][0]["shop"]["id"] == offer.shop_id
    assert body["fulfilments"][0]["status"] == "pending"
    assert [e["type"] for e in body["timeline"]] == ["placed"]
    assert body["shipping_address"]["country"] == "DE"


def test_the_buyer_cancels_a_pending_order(buyer_api, buyer, offer):
    order = place([(offer, 3)], customer=buyer)

    response = buyer_api.post(_cancel(order.number))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["can_cancel"] is False
    assert stock_of(offer).quantity_reserved == 0


def test_cancelling_a_paid_order_is_a_conflict(buyer_api, buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)

    response = buyer_api.post(_cancel(order.number))

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID


def test_another_buyers_order_is_404_to_read_and_to_cancel(other_api, buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    read = other_api.get(_detail(order.number))
    cancel = other_api.post(_cancel(order.number))

    assert (read.status_code, read.json()["code"]) == (404, "order_not_found")
    assert (cancel.status_code, cancel.json()["code"]) == (404, "order_not_found")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_an_unknown_number_is_404(buyer_api):
    assert buyer_api.get(_detail("EM-NOPE22")).status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("get", "/api/v1/orders/EM-ABCDEF/"),
        ("post", "/api/v1/orders/EM-ABCDEF/cancel/"),
    ],
)
def test_strangers_get_401(method, url):
    response = getattr(APIClient(), method)(url)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_schema_documents_the_orders_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()

    cancel = schema["paths"]["/api/v1/orders/{number}/cancel/"]["post"]
    assert cancel["tags"] == ["orders"]
    assert "invalid_transition" in cancel["responses"]["409"]["description"]
    assert "order_not_found" in cancel["responses"]["404"]["description"]
    listing = schema["paths"]["/api/v1/orders/"]["get"]
    ref = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert ref["$ref"] == "#/components/schemas/PaginatedOrderSummaryList"
