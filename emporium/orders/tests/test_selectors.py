"""Reads of orders: only one's own, bounded queries, signed guest access."""

import time
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing

from emporium.orders.access import make_order_access_token, order_access_url
from emporium.orders.constants import ORDER_ACCESS_MAX_AGE
from emporium.orders.errors import OrderNotFound
from emporium.orders.selectors import (
    find_order_by_idempotency_key,
    get_order_by_signed_token,
    get_order_for_customer,
    list_orders_for_customer,
    list_shipments,
)
from emporium.orders.tests.factories import place, stocked_offer

pytestmark = pytest.mark.django_db


def test_list_orders_for_customer_lists_only_own_orders_newest_first(
    buyer, other_buyer, offer, django_assert_num_queries
):
    older = place([(offer, 2), (stocked_offer(), 1)], customer=buyer)
    newer = place([(offer, 1)], customer=buyer)
    place([(offer, 1)], customer=other_buyer)

    with django_assert_num_queries(1):
        orders = list(list_orders_for_customer(user=buyer))

    assert [o.number for o in orders] == [newer.number, older.number]
    assert [o.item_count for o in orders] == [1, 3]


def test_get_order_for_customer_loads_the_page_in_four_queries(
    buyer, django_assert_num_queries
):
    order = place([(stocked_offer(), 1), (stocked_offer(), 1)], customer=buyer)

    with django_assert_num_queries(4):
        found = get_order_for_customer(number=order.number, user=buyer)
        shipments = list_shipments(found)
        events = list(found.events.all())

    assert [len(s.lines) for s in shipments] == [1, 1]
    assert [s.fulfilment.shop.name for s in shipments]
    assert len(events) == 1


def test_get_order_for_customer_reads_the_number_in_any_case(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    found = get_order_for_customer(number=f" {order.number.lower()} ", user=buyer)

    assert found.pk == order.pk


def test_another_buyers_order_is_not_found(buyer, other_buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    with pytest.raises(OrderNotFound) as caught:
        get_order_for_customer(number=order.number, user=other_buyer)

    assert (caught.value.code, caught.value.status_code) == ("order_not_found", 404)


def test_a_visitor_without_account_finds_no_order_by_number(offer):
    order = place([(offer, 1)])

    with pytest.raises(OrderNotFound):
        get_order_for_customer(number=order.number, user=AnonymousUser())


def test_find_order_by_idempotency_key(buyer, offer):
    order = place([(offer, 1)], customer=buyer, key="attempt-1")

    assert find_order_by_idempotency_key("attempt-1") == order
    assert find_order_by_idempotency_key("attempt-2") is None


# --- Signed guest links ---------------------------------------------------------


def test_a_signed_link_opens_the_guests_order(offer):
    order = place([(offer, 1)], email="guest@example.com")

    found = get_order_by_signed_token(
        number=order.number, token=make_order_access_token(order)
    )

    assert found.pk == order.pk
    assert order_access_url(order).startswith(
        f"http://testserver/orders/{order.number}/?token="
    )


def test_a_tampered_link_opens_nothing(offer):
    order = place([(offer, 1)], email="guest@example.com")
    token = make_order_access_token(order)

    with pytest.raises(OrderNotFound):
        get_order_by_signed_token(number=order.number, token=token[:-2] + "xx")


def test_a_link_for_one_order_opens_no_other(offer):
    order = place([(offer, 1)], email="guest@example.com")
    other = place([(offer, 1)], email="guest@example.com")

    with pytest.raises(OrderNotFound):
        get_order_by_signed_token(
            number=other.number, token=make_order_access_token(order)
        )


def test_an_expired_link_opens_nothing(offer):
    order = place([(offer, 1)], email="guest@example.com")
    token = make_order_access_token(order)
    later = time.time() + ORDER_ACCESS_MAX_AGE + 1

    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        pytest.raises(OrderNotFound),
    ):
        get_order_by_signed_token(number=order.number, token=token)


def test_a_link_signed_for_another_purpose_opens_nothing(offer):
    order = place([(offer, 1)], email="guest@example.com")
    token = signing.dumps({"n": order.number, "e": order.email})

    with pytest.raises(OrderNotFound):
        get_order_by_signed_token(number=order.number, token=token)
