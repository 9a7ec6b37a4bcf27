"""The payments admin: staff mark money received and refund."""

import html
import re

import pytest
from django.urls import reverse

from emporium.orders.constants import OrderStatus
from emporium.orders.tests.factories import place, stocked_offer
from emporium.payments.constants import PaymentStatus
from emporium.payments.models import Payment
from emporium.payments.services import start_payment
from emporium.payments.tests.helpers import card, reload

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:payments_payment_changelist")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_action_marks_a_cash_payment_received(staff_client, order, buyer):
    pending = start_payment(order=order, method="cash_on_delivery", actor=buyer).payment

    response = staff_client.post(
        CHANGELIST, {"action": "mark_received", "_selected_action": [pending.pk]}
    )

    assert response.status_code == 302
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID


def test_the_refund_form_refunds_an_amount(staff_client, order, buyer):
    paid = start_payment(order=order, method="card", card=card(), actor=buyer).payment
    url = reverse("admin:payments_payment_refund", args=[paid.pk])

    page = staff_client.get(url)
    response = staff_client.post(url, {"amount": "4.90", "reason": "Late delivery"})

    assert page.status_code == 200
    assert "left €24.90" in page.content.decode()
    assert response.status_code == 302
    assert Payment.objects.get(pk=paid.pk).status == PaymentStatus.PARTIALLY_REFUNDED
    assert reload(order).status == OrderStatus.PARTIALLY_REFUNDED


def test_the_refund_form_shows_a_refusal(staff_client, order, buyer):
    paid = start_payment(order=order, method="card", card=card(), actor=buyer).payment
    url = reverse("admin:payments_payment_refund", args=[paid.pk])

    response = staff_client.post(url, {"amount": "99.00"})

    assert response.status_code == 200
    assert "Only €24.90" in response.content.decode()
    assert reload(order).status == OrderStatus.PAID


def test_the_action_refunds_in_full(staff_client, order, buyer):
    paid = start_payment(order=order, method="card", card=card(), actor=buyer).payment

    staff_client.post(
        CHANGELIST, {"action": "refund_in_full", "_selected_action": [paid.pk]}
    )

    assert Payment.objects.get(pk=paid.pk).status == PaymentStatus.REFUNDED
    assert reload(order).status == OrderStatus.REFUNDED


def test_the_change_page_shows_the_transactions(staff_client, order, buyer):
    paid = start_payment(order=order, method="card", card=card(), actor=buyer).payment

    response = staff_client.get(
        reverse("admin:payments_payment_change", args=[paid.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Refund an amount" in html
    assert paid.provider_reference in html


def test_staff_refund_part_of_an_order_starting_from_its_page(
    staff_client, order, buyer
):
    paid = start_payment(order=order, method="card", card=card(), actor=buyer).payment
    another_order = place([(stocked_offer(), 1)], customer=buyer)
    other = start_payment(
        order=another_order, method="cash_on_delivery", actor=buyer
    ).payment

    order_page = staff_client.get(
        reverse("admin:orders_order_change", args=[order.pk])
    ).content.decode()
    (payments_url,) = re.findall(r'href="([^"]*order__id__exact=\d+)"', order_page)
    payments_page = staff_client.get(html.unescape(payments_url))
    refund_url = reverse("admin:payments_payment_refund", args=[paid.pk])
    response = staff_client.post(refund_url, {"amount": "4.90", "reason": "Late"})

    assert payments_page.status_code == 200
    assert list(payments_page.context["cl"].result_list) == [paid]
    assert other not in payments_page.context["cl"].result_list
    assert f'href="{refund_url}"' in payments_page.content.decode()
    assert response.status_code == 302
    assert reload(order).status == OrderStatus.PARTIALLY_REFUNDED
