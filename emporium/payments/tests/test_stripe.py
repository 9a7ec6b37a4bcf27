"""Stripe through a local fake at the HTTP boundary: Payment Intents,
3-D Secure, declines and refunds, as the SDK really sends them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from emporium.core.money import Money
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.orders.services import cancel_order
from emporium.payments.constants import PaymentStatus
from emporium.payments.errors import InvalidCard, ProviderError, RefundNotAllowed
from emporium.payments.models import Payment, PaymentTransaction
from emporium.payments.providers.stripe import StripeProvider
from emporium.payments.services import (
    confirm_payment,
    reconcile_payments,
    refund_payment,
    start_payment,
)
from emporium.payments.tests.helpers import card, reload, stock_of
from emporium.payments.tests.stripe_fake import DECLINED, NEEDS_3DS, SUCCEEDS

pytestmark = pytest.mark.django_db


def _pay(order, buyer, capture, payment_method=SUCCEEDS, **extra):
    with capture(execute=True):
        return start_payment(
            order=order,
            method="card",
            payment_method=payment_method,
            actor=buyer,
            **extra,
        )


def test_a_payment_intent_is_created_for_the_total_in_minor_units(
    order, buyer, offer, stripe_fake, django_capture_on_commit_callbacks
):
    result = _pay(order, buyer, django_capture_on_commit_callbacks)

    assert result.status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID
    assert stock_of(offer) == (8, 0, 1)
    [created] = stripe_fake.calls("POST", "/v1/payment_intents")
    assert created.params["amount"] == "2490"
    assert created.params["currency"] == "eur"
    assert created.params["metadata[order_number]"] == order.number
    assert created.params["metadata[payment_id]"] == str(result.payment.pk)
    assert created.params["confirm"] == "true"
    assert created.headers["authorization"] == "Bearer sk_test_fake"
    assert created.headers["idempotency-key"] == f"emporium-payment-{result.payment.pk}"
    payment = Payment.objects.get(pk=result.payment.pk)
    assert payment.provider == "stripe"
    assert payment.provider_reference in stripe_fake.intents
    stored = payment.transactions.get().raw_response
    assert "client_secret" not in stored


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("24.90", "EUR", 2490), ("2000", "JPY", 2000), ("1.235", "KWD", 1235)],
)
def test_intent_amounts_use_the_currency_minor_unit(
    stripe_fake, amount, currency, minor
):
    payment = Payment(
        pk=7,
        order=Order(number="EM-TEST22"),
        amount=Decimal(amount),
        currency=currency,
    )

    StripeProvider().start(payment, payment_method=SUCCEEDS, return_url="")

    [created] = stripe_fake.calls("POST", "/v1/payment_intents")
    assert created.params["amount"] == str(minor)
    assert created.params["currency"] == currency.lower()


def test_without_a_payment_method_the_browser_confirms_with_stripe_js(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    result = _pay(order, buyer, django_capture_on_commit_callbacks, payment_method="")

    assert result.status == PaymentStatus.REQUIRES_ACTION
    assert result.next_action["type"] == "stripe_js"
    assert result.next_action["client_secret"].startswith(result.provider_reference)
    assert result.payment.client_secret == result.next_action["client_secret"]
    [created] = stripe_fake.calls("POST", "/v1/payment_intents")
    assert created.params["automatic_payment_methods[enabled]"] == "true"


def test_a_declined_card_fails_the_payment_and_the_order_waits(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    result = _pay(order, buyer, django_capture_on_commit_callbacks, DECLINED)

    assert result.status == PaymentStatus.FAILED
    assert result.failure_code == "card_declined"
    assert result.provider_reference in stripe_fake.intents
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT
    assert "did not go through" in mail.outbox[-1].subject


def test_3d_secure_gives_the_redirect_then_confirm_pays(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    started = _pay(
        order,
        buyer,
        django_capture_on_commit_callbacks,
        NEEDS_3DS,
        return_url="https://shop.example.com/checkout/return/",
    )
    assert started.status == PaymentStatus.REQUIRES_ACTION
    assert started.next_action == {
        "type": "redirect",
        "url": f"{stripe_fake.url}/3ds/{started.provider_reference}",
    }
    [created] = stripe_fake.calls("POST", "/v1/payment_intents")
    assert created.params["return_url"] == "https://shop.example.com/checkout/return/"
    stripe_fake.authenticate(started.provider_reference)

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm_payment(payment_id=started.payment.pk, actor=buyer)

    assert done.status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID
    assert stripe_fake.calls("GET", f"/v1/payment_intents/{started.provider_reference}")


def test_an_intent_waiting_for_confirmation_is_confirmed(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    started = _pay(order, buyer, django_capture_on_commit_callbacks, payment_method="")
    stripe_fake.intents[started.provider_reference]["status"] = "requires_confirmation"

    done = confirm_payment(payment_id=started.payment.pk, actor=buyer)

    assert done.status == PaymentStatus.SUCCEEDED
    reference = started.provider_reference
    assert stripe_fake.calls("POST", f"/v1/payment_intents/{reference}/confirm")


def test_a_retry_cancels_the_earlier_intent(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    first = _pay(order, buyer, django_capture_on_commit_callbacks, NEEDS_3DS)

    _pay(order, buyer, django_capture_on_commit_callbacks, SUCCEEDS)

    assert stripe_fake.intents[first.provider_reference]["status"] == "canceled"
    assert Payment.objects.get(pk=first.payment.pk).status == PaymentStatus.CANCELLED
    assert reload(order).status == OrderStatus.PAID


def test_card_numbers_never_go_to_stripe(order, buyer, stripe_fake):
    with pytest.raises(InvalidCard) as caught:
        start_payment(order=order, method="card", card=card(), actor=buyer)

    assert caught.value.code == "card_not_accepted"
    assert stripe_fake.requests == []


def test_stripe_unreachable_fails_the_attempt_and_answers_502(
    order, buyer, stripe_fake, settings
):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there

    with pytest.raises(ProviderError) as caught:
        start_payment(order=order, method="card", payment_method=SUCCEEDS, actor=buyer)

    assert caught.value.status_code == 502
    payment = Payment.objects.get(order=order)
    assert (payment.status, payment.failure_code) == (
        PaymentStatus.FAILED,
        "payment_provider_error",
    )
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT


def test_a_partial_then_a_full_refund_move_payment_and_order(
    order, buyer, staff_user, stripe_fake, django_capture_on_commit_callbacks
):
    paid = _pay(order, buyer, django_capture_on_commit_callbacks).payment

    with django_capture_on_commit_callbacks(execute=True):
        refund_payment(
            payment_id=paid.pk,
            amount=Money("10.00", "EUR"),
            actor=staff_user,
            reason="One item came back.",
        )
    assert Payment.objects.get(pk=paid.pk).status == PaymentStatus.PARTIALLY_REFUNDED
    assert reload(order).status == OrderStatus.PARTIALLY_REFUNDED
    assert reload(order).refunded == Money("10.00", "EUR")
    partial = mail.outbox[-1]
    assert (
        partial.subject == f"We refunded €10.00 for your Emporium order {order.number}"
    )
    assert "So far €10.00 of €24.90 went back to you." in partial.body

    with django_capture_on_commit_callbacks(execute=True):
        refund_payment(payment_id=paid.pk, amount=None, actor=staff_user)

    payment = Payment.objects.get(pk=paid.pk)
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.refunded == Money("24.90", "EUR")
    assert reload(order).status == OrderStatus.REFUNDED
    refunds = stripe_fake.calls("POST", "/v1/refunds")
    assert [r.params["amount"] for r in refunds] == ["1000", "1490"]
    assert [r.headers["idempotency-key"] for r in refunds] == [
        f"emporium-refund-{paid.pk}-1",
        f"emporium-refund-{paid.pk}-2",
    ]
    assert "That is the full amount you paid (€24.90)." in mail.outbox[-1].body
    assert (
        PaymentTransaction.objects.filter(
            payment=paid, kind="refund", status="success"
        ).count()
        == 2
    )


def test_refunding_more_than_is_left_is_refused(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    paid = _pay(order, buyer, django_capture_on_commit_callbacks).payment

    with pytest.raises(RefundNotAllowed) as caught:
        refund_payment(payment_id=paid.pk, amount=Money("30.00", "EUR"), actor=None)

    assert "Only €24.90" in caught.value.message
    assert stripe_fake.calls("POST", "/v1/refunds") == []
    assert reload(order).status == OrderStatus.PAID


def test_a_refund_stripe_refuses_is_recorded_and_changes_nothing(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    paid = _pay(order, buyer, django_capture_on_commit_callbacks).payment
    stripe_fake.intents[paid.provider_reference]["amount_refunded"] = 2490  # by hand

    with pytest.raises(ProviderError) as caught:
        refund_payment(payment_id=paid.pk, amount=None, actor=None)

    assert caught.value.code == "refund_failed"
    assert Payment.objects.get(pk=paid.pk).status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID
    failed = PaymentTransaction.objects.get(payment=paid, kind="refund")
    assert (failed.status, failed.error_code) == ("failure", "charge_already_refunded")


def test_reconcile_settles_a_stuck_3d_secure_payment(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    started = _pay(order, buyer, django_capture_on_commit_callbacks, NEEDS_3DS)
    stripe_fake.authenticate(started.provider_reference)  # its webhook never came

    with django_capture_on_commit_callbacks(execute=True):
        lines = reconcile_payments(older_than_minutes=0, now=_later())

    assert [(line.was, line.provider_says, line.now, line.note) for line in lines] == [
        ("requires_action", "succeeded", "succeeded", "settled")
    ]
    assert reload(order).status == OrderStatus.PAID


def _later():
    return timezone.now() + timedelta(hours=1)


def test_cancelling_the_order_cancels_the_intent_at_stripe(
    order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    started = _pay(order, buyer, django_capture_on_commit_callbacks, NEEDS_3DS)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order_id=order.pk, actor=buyer)

    assert stripe_fake.intents[started.provider_reference]["status"] == "canceled"
    payment = Payment.objects.get(pk=started.payment.pk)
    assert payment.status == PaymentStatus.CANCELLED
