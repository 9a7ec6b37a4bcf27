"""Storefront order pages: "My Account" list and detail, cancel, guest link."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from emporium.orders.access import make_order_access_token
from emporium.orders.constants import ORDER_ACCESS_MAX_AGE, OrderStatus
from emporium.orders.models import Order
from emporium.orders.services import mark_fulfilment_shipped, mark_order_paid
from emporium.orders.tests.factories import place, stock_of, stocked_offer

pytestmark = pytest.mark.django_db


def _detail(order: Order) -> str:
    return reverse("orders:detail", args=[order.number])


def _cancel(order: Order) -> str:
    return reverse("orders:cancel", args=[order.number])


def test_the_order_list_shows_only_own_orders(
    client, buyer, other_buyer, offer, django_assert_max_num_queries
):
    mine = [place([(offer, 1)], customer=buyer) for _ in range(3)]
    theirs = place([(offer, 1)], customer=other_buyer)
    client.force_login(buyer)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("orders:list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert all(order.number in page for order in mine)
    assert theirs.number not in page


def test_the_order_list_needs_sign_in(client):
    response = client.get(reverse("orders:list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_order_page_shows_lines_timeline_and_tracking(client, buyer):
    order = place([(stocked_offer(), 2)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    mark_fulfilment_shipped(
        fulfilment_id=order.fulfilments.get().pk,
        actor=None,
        carrier="DHL",
        tracking_number="JJD000390007",
        tracking_url="https://track.example.com/JJD000390007",
    )
    client.force_login(buyer)

    response = client.get(_detail(order))

    page = response.content.decode()
    assert response.status_code == 200
    assert order.lines.get().product_title in page
    assert "https://track.example.com/JJD000390007" in page
    assert "Order placed" in page
    assert "A shipment is on its way (DHL, JJD000390007)" in page
    assert "Cancel order" not in page  # paid: the buyer can no longer cancel
    assert 'id="shipment-' in page


def test_another_buyers_order_page_is_404(client, buyer, other_buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    client.force_login(other_buyer)

    assert client.get(_detail(order)).status_code == 404


def test_the_buyer_cancels_a_pending_order(client, buyer, offer):
    order = place([(offer, 3)], customer=buyer)
    client.force_login(buyer)
    assert "Cancel order" in client.get(_detail(order)).content.decode()

    response = client.post(_cancel(order), follow=True)

    assert response.status_code == 200
    assert f"Order {order.number} has been cancelled." in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    assert stock_of(offer).quantity_reserved == 0


def test_cancelling_a_paid_order_shows_why_not(client, buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    client.force_login(buyer)

    response = client.post(_cancel(order), follow=True)

    assert "Please contact us to cancel a paid order." in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID


def test_another_buyer_cannot_cancel_an_order(client, buyer, other_buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    client.force_login(other_buyer)

    assert client.post(_cancel(order)).status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_cancel_needs_a_post(client, buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    client.force_login(buyer)

    assert client.get(_cancel(order)).status_code == 405


def test_the_account_navigation_links_to_orders(client, buyer):
    client.force_login(buyer)

    response = client.get(reverse("accounts:profile"))

    assert reverse("orders:list") in response.content.decode()


# --- Guest link ----------------------------------------------------------------


def _guest_url(order: Order, token: str) -> str:
    return f"{reverse('orders:guest-detail', args=[order.number])}?token={token}"


def test_a_guest_opens_the_order_with_the_signed_link(client, offer):
    order = place([(offer, 1)], email="guest@example.com")

    response = client.get(_guest_url(order, make_order_access_token(order)))

    assert response.status_code == 200
    assert order.number in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_a_guest_link_without_a_valid_token_is_404(client, offer, token):
    order = place([(offer, 1)], email="guest@example.com")

    assert client.get(_guest_url(order, token)).status_code == 404


def test_a_tampered_guest_link_is_404(client, offer):
    order = place([(offer, 1)], email="guest@example.com")
    token = make_order_access_token(order)

    assert client.get(_guest_url(order, token[:-3] + "abc")).status_code == 404


def test_an_expired_guest_link_is_404(client, offer):
    order = place([(offer, 1)], email="guest@example.com")
    token = make_order_access_token(order)
    later = time.time() + ORDER_ACCESS_MAX_AGE + 1

    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(_guest_url(order, token)).status_code == 404
