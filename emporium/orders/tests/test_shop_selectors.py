"""A shop's fulfilments: only its own, with only its own lines, bounded."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from emporium.orders.constants import FulfilmentStatus
from emporium.orders.errors import FulfilmentNotFound
from emporium.orders.models import Fulfilment, Order
from emporium.orders.selectors import (
    get_fulfilment_for_shop,
    list_fulfilments_for_shop,
)
from emporium.orders.services import mark_fulfilment_shipped, mark_order_paid
from emporium.orders.tests.factories import place, stocked_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def mug(db):
    return stocked_offer(price="12.00", quantity=100)


@pytest.fixture
def lamp(db):
    return stocked_offer(price="30.00", quantity=100)


def _fulfilment(order, shop) -> Fulfilment:
    return Fulfilment.objects.get(order=order, shop=shop)


def test_a_shop_lists_only_its_fulfilments_with_its_own_lines(mug, lamp):
    both = place([(mug, 2), (lamp, 1)])
    theirs = place([(lamp, 3)])

    listed = list(list_fulfilments_for_shop(shop=mug.shop))

    assert [f.order_id for f in listed] == [both.pk]
    assert (listed[0].item_count, listed[0].goods_amount) == (2, Decimal("24.00"))
    assert theirs.pk not in {f.order_id for f in listed}


@pytest.mark.parametrize("orders", [2, 20])
def test_the_list_is_one_query_whatever_its_length(
    mug, lamp, orders, django_assert_num_queries
):
    for _ in range(orders):
        place([(mug, 1), (lamp, 1)])

    with django_assert_num_queries(1):
        listed = list(list_fulfilments_for_shop(shop=mug.shop))
        numbers = [(f.order.number, f.item_count) for f in listed]

    assert len(numbers) == orders


def test_the_list_filters_by_status_and_by_the_day_placed(mug):
    old, new = place([(mug, 1)]), place([(mug, 1)])
    Order.objects.filter(pk=old.pk).update(
        placed_at=timezone.now() - timedelta(days=10)
    )
    mark_order_paid(order_id=new.pk, actor=None)
    mark_fulfilment_shipped(fulfilment_id=_fulfilment(new, mug.shop).pk, actor=None)
    today = timezone.localdate()

    def numbers(**filters):
        return [
            f.order.number for f in list_fulfilments_for_shop(shop=mug.shop, **filters)
        ]

    assert numbers(status=FulfilmentStatus.SHIPPED) == [new.number]
    assert numbers(status=FulfilmentStatus.PENDING) == [old.number]
    assert numbers(placed_from=today) == [new.number]
    assert numbers(placed_to=today - timedelta(days=1)) == [old.number]
    assert numbers(placed_from=today - timedelta(days=10), placed_to=today) == [
        new.number,
        old.number,
    ]


def test_a_shops_fulfilment_comes_with_its_lines_only_in_two_queries(
    mug, lamp, django_assert_num_queries
):
    order = place([(mug, 2), (lamp, 1)], shipping="9.80")
    fulfilment = _fulfilment(order, mug.shop)

    with django_assert_num_queries(2):
        found = get_fulfilment_for_shop(shop=mug.shop, fulfilment_id=fulfilment.pk)

    assert [line.offer_id for line in found.lines] == [mug.pk]
    assert found.order.number == order.number
    assert str(found.goods) == "24.00 EUR"
    assert str(found.shipping) == "4.90 EUR"  # 9.80 shared by two shops
    assert str(found.total) == "28.90 EUR"


def test_another_shops_fulfilment_is_not_found(mug, lamp):
    order = place([(mug, 1), (lamp, 1)])
    theirs = _fulfilment(order, lamp.shop)

    with pytest.raises(FulfilmentNotFound) as caught:
        get_fulfilment_for_shop(shop=mug.shop, fulfilment_id=theirs.pk)

    assert (caught.value.code, caught.value.status_code) == (
        "fulfilment_not_found",
        404,
    )
