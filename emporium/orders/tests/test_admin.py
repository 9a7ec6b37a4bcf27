"""Staff manage orders in the admin: read-only figures, moves via services."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.inventory.models import StockReservation
from emporium.orders.constants import FulfilmentStatus, OrderStatus
from emporium.orders.models import Fulfilment, Order
from emporium.orders.services import mark_fulfilment_shipped, mark_order_paid
from emporium.orders.tests.factories import place, stock_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def paid_order(buyer, offer) -> Order:
    order = place([(offer, 2)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    return order


def test_the_order_pages_open_with_lines_shipments_and_timeline(
    client, staff, paid_order
):
    listing = client.get(reverse("admin:orders_order_changelist"))
    page = client.get(reverse("admin:orders_order_change", args=[paid_order.pk]))

    assert listing.status_code == page.status_code == 200
    html = page.content.decode()
    assert paid_order.lines.get().sku in html
    assert "Mark shipped" in html
    assert "status_changed" in html or "Status changed" in html


def test_the_reservations_list_opens(client, staff, paid_order):
    response = client.get(reverse("admin:inventory_stockreservation_changelist"))

    assert response.status_code == 200
    assert paid_order.number in response.content.decode()
    assert StockReservation.objects.filter(reference=paid_order.number).exists()


def test_staff_cancel_a_paid_order_through_the_action(client, staff, paid_order, offer):
    response = client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "cancel_orders", "_selected_action": [paid_order.pk]},
        follow=True,
    )

    assert response.status_code == 200
    order = Order.objects.get(pk=paid_order.pk)
    assert order.status == OrderStatus.CANCELLED
    event = order.events.get(to_status=OrderStatus.CANCELLED, type="status_changed")
    assert event.actor == staff
    assert stock_of(offer).quantity_on_hand == 10


def test_the_cancel_action_reports_an_order_it_cannot_cancel(client, staff, paid_order):
    mark_fulfilment_shipped(fulfilment_id=paid_order.fulfilments.get().pk, actor=None)

    response = client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "cancel_orders", "_selected_action": [paid_order.pk]},
        follow=True,
    )

    assert "cannot move from fulfilled to cancelled" in response.content.decode()
    assert Order.objects.get(pk=paid_order.pk).status == OrderStatus.FULFILLED


def test_staff_mark_a_fulfilment_shipped_with_tracking(client, staff, paid_order):
    fulfilment = paid_order.fulfilments.get()
    url = reverse("admin:orders_order_ship", args=[paid_order.pk, fulfilment.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "carrier": "DHL",
            "tracking_number": "JJD01",
            "tracking_url": "https://track.example.com/JJD01",
        },
    )

    assert response.status_code == 302
    fulfilment.refresh_from_db()
    assert (fulfilment.status, fulfilment.tracking_number) == (
        FulfilmentStatus.SHIPPED,
        "JJD01",
    )
    assert Order.objects.get(pk=paid_order.pk).status == OrderStatus.FULFILLED


def test_shipping_an_unpaid_order_in_the_admin_shows_the_refusal(
    client, staff, buyer, offer
):
    order = place([(offer, 1)], customer=buyer)
    fulfilment = order.fulfilments.get()

    response = client.post(
        reverse("admin:orders_order_ship", args=[order.pk, fulfilment.pk]),
        {"carrier": "DHL", "tracking_number": "X"},
    )

    assert response.status_code == 200
    assert "only a paid order ships" in response.content.decode()
    assert Fulfilment.objects.get(pk=fulfilment.pk).status == FulfilmentStatus.PENDING


def test_staff_mark_shipped_parcels_delivered(client, staff, paid_order):
    mark_fulfilment_shipped(fulfilment_id=paid_order.fulfilments.get().pk, actor=None)

    client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "mark_shipments_delivered", "_selected_action": [paid_order.pk]},
    )

    assert Order.objects.get(pk=paid_order.pk).status == OrderStatus.DELIVERED


def test_the_ship_page_needs_staff(client, buyer, paid_order):
    client.force_login(buyer)
    fulfilment = paid_order.fulfilments.get()

    response = client.get(
        reverse("admin:orders_order_ship", args=[paid_order.pk, fulfilment.pk])
    )

    assert response.status_code == 302  # to the admin log-in
    assert Fulfilment.objects.get(pk=fulfilment.pk).status == FulfilmentStatus.PENDING
