"""Shipping an order shop by shop; the order's status follows."""

import pytest

from emporium.core.errors import InvalidInput
from emporium.core.models import OutboxEvent
from emporium.orders.constants import (
    FULFILMENT_SHIPPED,
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import FulfilmentNotFound, InvalidTransition
from emporium.orders.models import Fulfilment, Order
from emporium.orders.services import (
    mark_fulfilment_delivered,
    mark_fulfilment_shipped,
    mark_order_paid,
)
from emporium.orders.tests.factories import place, stocked_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_shop_order(buyer) -> Order:
    """A paid order with lines from two shops: two fulfilments."""
    order = place([(stocked_offer(), 1), (stocked_offer(), 2)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    return order


def _status(order: Order) -> str:
    return Order.objects.get(pk=order.pk).status


def test_shipping_records_tracking_and_publishes_the_event(two_shop_order):
    first = two_shop_order.fulfilments.first()

    shipped = mark_fulfilment_shipped(
        fulfilment_id=first.pk,
        actor=None,
        carrier="DHL",
        tracking_number="00340434",
        tracking_url="https://track.example.com/00340434",
    )

    assert shipped.status == FulfilmentStatus.SHIPPED
    assert shipped.shipped_at is not None
    assert (shipped.carrier, shipped.tracking_number) == ("DHL", "00340434")
    event = two_shop_order.events.get(type=OrderEventType.FULFILMENT_CHANGED)
    assert event.data["tracking_url"] == "https://track.example.com/00340434"
    assert OutboxEvent.objects.get(name=FULFILMENT_SHIPPED).payload["carrier"] == "DHL"


def test_the_order_status_follows_its_fulfilments(two_shop_order):
    first, second = two_shop_order.fulfilments.all()

    mark_fulfilment_shipped(fulfilment_id=first.pk, actor=None)
    assert _status(two_shop_order) == OrderStatus.PARTIALLY_FULFILLED
    mark_fulfilment_delivered(fulfilment_id=first.pk, actor=None)
    assert _status(two_shop_order) == OrderStatus.PARTIALLY_FULFILLED
    mark_fulfilment_shipped(fulfilment_id=second.pk, actor=None)
    assert _status(two_shop_order) == OrderStatus.FULFILLED
    mark_fulfilment_delivered(fulfilment_id=second.pk, actor=None)
    assert _status(two_shop_order) == OrderStatus.DELIVERED

    moves = list(
        two_shop_order.events.filter(type=OrderEventType.STATUS_CHANGED).values_list(
            "to_status", flat=True
        )
    )
    assert moves == ["paid", "partially_fulfilled", "fulfilled", "delivered"]


def test_an_unpaid_order_does_not_ship(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    with pytest.raises(InvalidTransition) as caught:
        mark_fulfilment_shipped(fulfilment_id=order.fulfilments.get().pk, actor=None)

    assert caught.value.code == "invalid_transition"
    assert order.fulfilments.get().status == FulfilmentStatus.PENDING


def test_a_pending_fulfilment_cannot_be_delivered(two_shop_order):
    with pytest.raises(InvalidTransition):
        mark_fulfilment_delivered(
            fulfilment_id=two_shop_order.fulfilments.first().pk, actor=None
        )


def test_a_shipped_fulfilment_does_not_ship_twice(two_shop_order):
    first = two_shop_order.fulfilments.first()
    mark_fulfilment_shipped(fulfilment_id=first.pk, actor=None, tracking_number="A")

    with pytest.raises(InvalidTransition):
        mark_fulfilment_shipped(fulfilment_id=first.pk, actor=None, tracking_number="B")

    assert Fulfilment.objects.get(pk=first.pk).tracking_number == "A"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example", "nope"])
def test_a_tracking_link_must_be_http(two_shop_order, url):
    first = two_shop_order.fulfilments.first()

    with pytest.raises(InvalidInput) as caught:
        mark_fulfilment_shipped(fulfilment_id=first.pk, actor=None, tracking_url=url)

    assert caught.value.code == "invalid_tracking_url"
    assert Fulfilment.objects.get(pk=first.pk).status == FulfilmentStatus.PENDING


def test_an_unknown_fulfilment_is_not_found(db):
    with pytest.raises(FulfilmentNotFound):
        mark_fulfilment_shipped(fulfilment_id=999_999, actor=None)
