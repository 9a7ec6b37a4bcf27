"""Bank transfer and cash on delivery: instructions, a long hold, and staff
marking the money received."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emporium.orders.constants import OrderStatus
from emporium.orders.services import cancel_order
from emporium.payments.constants import PaymentStatus
from emporium.payments.errors import (
    ManualSettlementNotAllowed,
    PaymentMethodUnavailable,
)
from emporium.payments.models import Payment
from emporium.payments.providers import available_methods
from emporium.payments.services import mark_payment_received, start_payment
from emporium.payments.tests.helpers import card, reload, stock_of

pytestmark = pytest.mark.django_db


def test_a_bank_transfer_shows_the_account_and_the_reference(
    order, buyer, bank_details
):
    result = start_payment(order=order, method="bank_transfer", actor=buyer)

    assert result.status == PaymentStatus.PENDING
    assert result.next_action == {
        "type": "instructions",
        "instructions": {
            "account_holder": "Emporium GmbH",
            "iban": "DE89370400440532013000",
            "bic": "COBADEFFXXX",
            "amount": "€24.90",
            "reference": order.number,
        },
    }
    waiting = reload(order)
    assert waiting.status == OrderStatus.AWAITING_PAYMENT
    assert waiting.reservation_expires_at > timezone.now() + timedelta(days=13)


def test_without_an_iban_bank_transfer_is_not_offered(order, buyer, settings):
    settings.BANK_TRANSFER_DETAILS = {"iban": ""}

    with pytest.raises(PaymentMethodUnavailable):
        start_payment(order=order, method="bank_transfer", actor=buyer)
    assert available_methods() == ["card", "cash_on_delivery"]


def test_staff_mark_a_bank_transfer_received_and_the_order_is_paid(
    order, buyer, offer, staff_user, bank_details, django_capture_on_commit_callbacks
):
    pending = start_payment(order=order, method="bank_transfer", actor=buyer).payment

    with django_capture_on_commit_callbacks(execute=True):
        mark_payment_received(payment_id=pending.pk, actor=staff_user, note="TX-991")
        mark_payment_received(payment_id=pending.pk, actor=staff_user)

    payment = Payment.objects.get(pk=pending.pk)
    assert (payment.status, payment.paid_order) == (PaymentStatus.SUCCEEDED, True)
    assert reload(order).status == OrderStatus.PAID
    assert stock_of(offer) == (8, 0, 1)
    capture = payment.transactions.get(kind="capture")
    assert capture.raw_response == {
        "received_by": "staff@example.com",
        "note": "TX-991",
    }
    assert (
        order.events.filter(to_status=OrderStatus.PAID, actor=staff_user).count() == 1
    )


def test_cash_on_delivery_waits_for_staff(order, buyer, staff_user):
    pending = start_payment(order=order, method="cash_on_delivery", actor=buyer).payment
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT

    mark_payment_received(payment_id=pending.pk, actor=staff_user)

    assert reload(order).status == OrderStatus.PAID


def test_a_card_payment_is_never_marked_received_by_hand(order, buyer, staff_user):
    declined = start_payment(
        order=order, method="card", card=card("4000 0000 0000 0002"), actor=buyer
    ).payment

    with pytest.raises(ManualSettlementNotAllowed):
        mark_payment_received(payment_id=declined.pk, actor=staff_user)
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT


def test_switching_from_bank_transfer_to_card_cancels_the_transfer(
    order, buyer, staff_user, bank_details
):
    transfer = start_payment(order=order, method="bank_transfer", actor=buyer).payment

    start_payment(order=order, method="card", card=card(), actor=buyer)

    assert Payment.objects.get(pk=transfer.pk).status == PaymentStatus.CANCELLED
    with pytest.raises(ManualSettlementNotAllowed):
        mark_payment_received(payment_id=transfer.pk, actor=staff_user)


def test_cancelling_the_order_cancels_the_waiting_transfer(
    order, buyer, bank_details, django_capture_on_commit_callbacks
):
    transfer = start_payment(order=order, method="bank_transfer", actor=buyer).payment

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order_id=order.pk, actor=buyer)

    assert Payment.objects.get(pk=transfer.pk).status == PaymentStatus.CANCELLED
