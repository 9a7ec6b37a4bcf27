"""The buyer sees, on each line, where its shop's parcel stands: in My
Account, on the guest page and in the API, without extra queries."""

import pytest
from django.urls import reverse

from emporium.orders.models import Fulfilment
from emporium.orders.services import (
    cancel_order,
    mark_fulfilment_delivered,
    mark_fulfilment_shipped,
    mark_order_paid,
)
from emporium.orders.tests.factories import place, stocked_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_shop_order(buyer):
    """A paid order from two shops; the first shop's parcel shipped."""
    mug, lamp = stocked_offer(price="12.00"), stocked_offer(price="30.00")
    order = place([(mug, 1), (lamp, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    shipped = Fulfilment.objects.get(order=order, shop=mug.shop)
    mark_fulfilment_shipped(
        fulfilment_id=shipped.pk,
        actor=None,
        carrier="DHL",
        tracking_number="JD1",
        tracking_url="https://track.example/JD1",
    )
    return order, mug, lamp


def _line_statuses(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-line-shipment="')[1:]]


def test_my_account_shows_each_lines_shipment(client, buyer, two_shop_order):
    order, _, _ = two_shop_order
    client.force_login(buyer)

    response = client.get(reverse("orders:detail", args=[order.number]))

    html = response.content.decode()
    assert _line_statuses(html) == ["shipped", "pending"]
    assert "Being prepared by the shop" in html
    assert 'href="https://track.example/JD1"' in html
    assert "Track the parcel" in html
    assert "Shipped on" in html


def test_delivered_and_cancelled_lines_say_so(client, buyer):
    offer = stocked_offer()
    delivered = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=delivered.pk, actor=None)
    fulfilment = Fulfilment.objects.get(order=delivered)
    mark_fulfilment_shipped(fulfilment_id=fulfilment.pk, actor=None)
    mark_fulfilment_delivered(fulfilment_id=fulfilment.pk, actor=None)
    cancelled = place([(offer, 1)], customer=buyer)
    cancel_order(order_id=cancelled.pk, actor=buyer)
    client.force_login(buyer)

    delivered_page = client.get(reverse("orders:detail", args=[delivered.number]))
    cancelled_page = client.get(reverse("orders:detail", args=[cancelled.number]))

    assert _line_statuses(delivered_page.content.decode()) == ["delivered"]
    assert "Delivered on" in delivered_page.content.decode()
    assert "will not be sent" in cancelled_page.content.decode()


def test_the_api_gives_each_line_its_shipment(buyer_api, two_shop_order):
    order, mug, lamp = two_shop_order

    body = buyer_api.get(reverse("v1:order-detail", args=[order.number])).json()

    shipments = {line["offer"]: line["shipment"] for line in body["lines"]}
    assert shipments[mug.pk]["status"] == "shipped"
    assert shipments[mug.pk]["tracking_url"] == "https://track.example/JD1"
    assert shipments[mug.pk]["carrier"] == "DHL"
    assert shipments[lamp.pk]["status"] == "pending"
    assert shipments[lamp.pk]["status_display"] == "Being prepared"


@pytest.mark.parametrize("shops", [1, 4])
def test_the_api_detail_needs_no_query_per_line(
    buyer_api, buyer, shops, django_assert_num_queries
):
    order = place([(stocked_offer(), 1) for _ in range(shops)], customer=buyer)

    # user, order, lines, fulfilments with shops, timeline
    with django_assert_num_queries(5):
        buyer_api.get(reverse("v1:order-detail", args=[order.number]))
