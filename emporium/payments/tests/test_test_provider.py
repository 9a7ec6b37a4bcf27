"""Paying with the test provider: each test card, the retry after a
decline, the confirmation step, and its refusal in production."""

from datetime import date

import pytest
from django.core import mail

from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.orders.constants import OrderStatus
from emporium.orders.services import cancel_order
from emporium.orders.tests.factories import place
from emporium.payments.cards import check_card
from emporium.payments.constants import PaymentStatus, TransactionKind
from emporium.payments.errors import (
    InvalidCard,
    OrderNotPayable,
    PaymentMethodUnavailable,
)
from emporium.payments.models import Payment
from emporium.payments.services import confirm_payment, start_payment
from emporium.payments.tests.helpers import (
    DECLINED,
    REQUIRES_ACTION,
    SUCCEEDS,
    card,
    reload,
    stock_of,
)

pytestmark = pytest.mark.django_db


def _pay(order, number, buyer, capture):
    with capture(execute=True):
        return start_payment(order=order, method="card", card=card(number), actor=buyer)


def test_card_4242_pays_the_order_and_sells_the_stock(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    result = _pay(order, SUCCEEDS, buyer, django_capture_on_commit_callbacks)

    assert result.status == PaymentStatus.SUCCEEDED
    assert result.next_action == {}
    assert reload(order).status == OrderStatus.PAID
    assert stock_of(offer) == (8, 0, 1)
    payment = Payment.objects.get(order=order)
    assert payment.money == Money("24.90", "EUR")
    assert payment.paid_order is True
    assert list(payment.transactions.values_list("kind", "status")) == [
        (TransactionKind.CAPTURE, "success")
    ]
    assert payment.transactions.get().raw_response["card_last4"] == "4242"


def test_card_0002_is_declined_and_the_order_keeps_waiting(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    result = _pay(order, DECLINED, buyer, django_capture_on_commit_callbacks)

    assert result.status == PaymentStatus.FAILED
    assert (result.failure_code, result.failure_message) == (
        "card_declined",
        "Your card was declined.",
    )
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT
    assert stock_of(offer) == (10, 2, 0)  # still held, not sold
    assert len(mail.outbox) == 1
    failed = mail.outbox[0]
    assert failed.to == ["ann@example.com"]
    assert failed.subject == (
        f"Your payment for Emporium order {order.number} did not go through"
    )
    assert "Your card was declined." in failed.body
    assert f"/account/orders/{order.number}/" in failed.body
    assert "Pay for the order" in failed.alternatives[0][0]


def test_a_declined_card_then_a_good_one_pays_once(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    _pay(order, DECLINED, buyer, django_capture_on_commit_callbacks)

    retry = _pay(order, SUCCEEDS, buyer, django_capture_on_commit_callbacks)

    assert retry.status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID
    assert list(
        Payment.objects.filter(order=order)
        .order_by("pk")
        .values_list("status", flat=True)
    ) == [PaymentStatus.FAILED, PaymentStatus.SUCCEEDED]
    assert stock_of(offer) == (8, 0, 1)  # committed once
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


def test_card_3220_asks_for_confirmation_then_completes(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    started = _pay(order, REQUIRES_ACTION, buyer, django_capture_on_commit_callbacks)

    assert started.status == PaymentStatus.REQUIRES_ACTION
    assert started.next_action["type"] == "redirect"
    assert started.next_action["url"].startswith(
        f"http://testserver/payments/test/confirm/{started.payment.pk}/?token="
    )
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm_payment(
            payment_id=started.payment.pk, params={"outcome": "complete"}, actor=buyer
        )

    assert done.status == PaymentStatus.SUCCEEDED
    assert done.next_action == {}
    assert reload(order).status == OrderStatus.PAID
    assert stock_of(offer) == (8, 0, 1)


def test_card_3220_failed_authentication_fails_the_payment(
    order, buyer, django_capture_on_commit_callbacks
):
    started = _pay(order, REQUIRES_ACTION, buyer, django_capture_on_commit_callbacks)

    failed = confirm_payment(
        payment_id=started.payment.pk, params={"outcome": "fail"}, actor=buyer
    )

    assert (failed.status, failed.failure_code) == (
        PaymentStatus.FAILED,
        "authentication_failed",
    )
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT


def test_confirming_twice_pays_once(order, buyer, django_capture_on_commit_callbacks):
    started = _pay(order, REQUIRES_ACTION, buyer, django_capture_on_commit_callbacks)
    confirm_payment(
        payment_id=started.payment.pk, params={"outcome": "complete"}, actor=buyer
    )

    again = confirm_payment(
        payment_id=started.payment.pk, params={"outcome": "fail"}, actor=buyer
    )

    assert again.status == PaymentStatus.SUCCEEDED
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


def test_a_retry_cancels_the_attempt_left_at_the_confirmation_step(
    order, buyer, django_capture_on_commit_callbacks
):
    first = _pay(order, REQUIRES_ACTION, buyer, django_capture_on_commit_callbacks)

    _pay(order, SUCCEEDS, buyer, django_capture_on_commit_callbacks)
    late = confirm_payment(
        payment_id=first.payment.pk, params={"outcome": "complete"}, actor=buyer
    )

    assert late.status == PaymentStatus.CANCELLED  # nothing left to confirm
    assert reload(order).status == OrderStatus.PAID
    assert Payment.objects.filter(order=order, status="succeeded").count() == 1


def test_another_valid_number_is_declined_with_the_list_of_test_cards(
    order, buyer, django_capture_on_commit_callbacks
):
    result = _pay(
        order, "4111 1111 1111 1111", buyer, django_capture_on_commit_callbacks
    )

    assert result.status == PaymentStatus.FAILED
    assert result.failure_code == "test_card_unknown"
    assert "4242 4242 4242 4242" in result.failure_message


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (card("4242 4242 4242 4241"), "card.number"),  # Luhn fails
        (card("4242"), "card.number"),
        (card(SUCCEEDS, month=13), "card.exp_month"),
        (card(SUCCEEDS, month=1, year=2020), "card.exp_year"),
    ],
)
def test_impossible_card_details_are_refused_before_anything_is_written(
    order, buyer, details, field
):
    with pytest.raises(InvalidCard) as caught:
        start_payment(order=order, method="card", card=details, actor=buyer)

    assert caught.value.code == "invalid_card"
    assert field in caught.value.fields
    assert not Payment.objects.exists()
    assert reload(order).status == OrderStatus.PENDING


def test_no_card_is_refused(order, buyer):
    with pytest.raises(InvalidCard):
        start_payment(order=order, method="card", actor=buyer)


def test_a_paid_order_takes_no_second_payment(
    order, buyer, django_capture_on_commit_callbacks
):
    _pay(order, SUCCEEDS, buyer, django_capture_on_commit_callbacks)

    with pytest.raises(OrderNotPayable) as caught:
        start_payment(order=order, method="card", card=card(), actor=buyer)

    assert caught.value.status_code == 409
    assert Payment.objects.filter(order=order).count() == 1


def test_a_cancelled_order_takes_no_payment(order, buyer):
    cancel_order(order_id=order.pk, actor=buyer)

    with pytest.raises(OrderNotPayable):
        start_payment(order=order, method="card", card=card(), actor=buyer)


def test_money_confirmed_after_the_order_was_cancelled_is_refunded(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    started = _pay(order, REQUIRES_ACTION, buyer, django_capture_on_commit_callbacks)
    cancel_order(order_id=order.pk, actor=buyer)

    with django_capture_on_commit_callbacks(execute=True):
        confirm_payment(
            payment_id=started.payment.pk, params={"outcome": "complete"}, actor=buyer
        )

    payment = Payment.objects.get(pk=started.payment.pk)
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.paid_order is False
    assert reload(order).status == OrderStatus.CANCELLED
    assert stock_of(offer) == (10, 0, 0)
    assert "We refunded €24.90" in mail.outbox[-1].subject


def test_the_test_provider_is_refused_when_switched_off(order, buyer, settings):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False

    with pytest.raises(PaymentMethodUnavailable) as caught:
        start_payment(order=order, method="card", card=card(), actor=buyer)

    assert caught.value.code == "payment_method_unavailable"
    assert not Payment.objects.exists()


def test_an_unknown_method_is_unavailable(order, buyer):
    with pytest.raises(PaymentMethodUnavailable):
        start_payment(order=order, method="bitcoin", actor=buyer)


def test_each_attempt_publishes_its_status_events(
    order, buyer, django_capture_on_commit_callbacks
):
    _pay(order, DECLINED, buyer, django_capture_on_commit_callbacks)
    _pay(order, SUCCEEDS, buyer, django_capture_on_commit_callbacks)

    names = list(
        OutboxEvent.objects.filter(name__startswith="payment.").values_list(
            "name", flat=True
        )
    )
    assert sorted(names) == ["payment.failed", "payment.succeeded"]


def test_a_second_order_of_the_same_buyer_is_paid_on_its_own(
    order, buyer, offer, django_capture_on_commit_callbacks
):
    other = place([(offer, 1)], customer=buyer)

    _pay(other, SUCCEEDS, buyer, django_capture_on_commit_callbacks)

    assert reload(other).status == OrderStatus.PAID
    assert reload(order).status == OrderStatus.PENDING


def test_card_expiring_this_month_is_still_good():
    today = date(2031, 5, 17)
    checked = check_card(card(SUCCEEDS, month=5, year=31), today=today)

    assert (checked.number, checked.exp_year) == ("4242424242424242", 2031)
