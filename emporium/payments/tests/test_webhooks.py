"""Stripe webhooks: verified as Stripe signs them, applied once, refused
when the signature, the timestamp or the amount is wrong."""

import json
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from emporium.core.models import OutboxEvent
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order, OrderEvent
from emporium.payments.constants import PaymentStatus, WebhookOutcome
from emporium.payments.errors import AmountMismatch, InvalidWebhook
from emporium.payments.models import Payment, WebhookEvent
from emporium.payments.services import handle_webhook, start_payment
from emporium.payments.tests.helpers import reload, stock_of
from emporium.payments.tests.stripe_fake import (
    WEBHOOK_SECRET,
    stripe_event,
    stripe_signature,
)

pytestmark = pytest.mark.django_db

URL = reverse("v1:payments-stripe-webhook")


@pytest.fixture
def waiting(order, buyer, stripe_fake):
    """A Stripe payment of the order whose intent awaits Stripe.js."""
    result = start_payment(order=order, method="card", actor=buyer)
    assert result.status == PaymentStatus.REQUIRES_ACTION
    return Payment.objects.get(pk=result.payment.pk)


def _intent(payment: Payment, *, status="succeeded", amount=None, currency="eur"):
    minor = payment.money.to_minor() if amount is None else amount
    intent = {
        "id": payment.provider_reference,
        "object": "payment_intent",
        "amount": minor,
        "amount_received": minor if status == "succeeded" else 0,
        "currency": currency,
        "status": status,
        "metadata": {
            "order_number": payment.order.number,
            "payment_id": str(payment.pk),
        },
        "last_payment_error": None,
    }
    if status == "requires_payment_method":
        intent["last_payment_error"] = {
            "code": "card_declined",
            "message": "Your card was declined.",
        }
    return intent


def _post(client, body: bytes, *, secret=WEBHOOK_SECRET, at=None):
    signature = stripe_signature(body, secret, at or int(time.time()))
    return client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def _paid_moves(order: Order) -> int:
    return OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID).count()


def test_a_signed_succeeded_event_pays_the_order(
    api_client, waiting, offer, django_capture_on_commit_callbacks
):
    body = stripe_event("payment_intent.succeeded", _intent(waiting))

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api_client, body)

    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "processed"}
    assert Payment.objects.get(pk=waiting.pk).status == PaymentStatus.SUCCEEDED
    assert reload(waiting.order).status == OrderStatus.PAID
    assert stock_of(offer) == (8, 0, 1)
    event = WebhookEvent.objects.get()
    assert (event.provider, event.outcome, event.payment_id) == (
        "stripe",
        WebhookOutcome.PROCESSED,
        waiting.pk,
    )


def test_a_duplicated_webhook_changes_the_order_once(
    api_client, waiting, offer, django_capture_on_commit_callbacks
):
    body = stripe_event("payment_intent.succeeded", _intent(waiting))

    with django_capture_on_commit_callbacks(execute=True):
        first = _post(api_client, body)
        second = _post(api_client, body)

    assert (first.status_code, second.status_code) == (200, 200)
    assert _paid_moves(waiting.order) == 1
    assert OutboxEvent.objects.filter(name="order.paid").count() == 1
    assert OutboxEvent.objects.filter(name="payment.succeeded").count() == 1
    assert WebhookEvent.objects.count() == 1
    assert stock_of(offer) == (8, 0, 1)


def test_a_duplicated_failure_event_sends_one_email(
    api_client, waiting, django_capture_on_commit_callbacks
):
    body = stripe_event(
        "payment_intent.payment_failed",
        _intent(waiting, status="requires_payment_method"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        _post(api_client, body)
        _post(api_client, body)

    assert Payment.objects.get(pk=waiting.pk).status == PaymentStatus.FAILED
    assert reload(waiting.order).status == OrderStatus.AWAITING_PAYMENT
    assert len(mail.outbox) == 1
    assert "did not go through" in mail.outbox[0].subject


def test_the_webhook_after_the_synchronous_answer_changes_nothing(
    api_client, order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    paid = start_payment(
        order=order, method="card", payment_method="pm_card_visa", actor=buyer
    ).payment
    body = stripe_event("payment_intent.succeeded", _intent(paid))

    response = _post(api_client, body)

    assert response.status_code == 200
    assert _paid_moves(order) == 1


@pytest.mark.parametrize(
    "tamper",
    ["secret", "body", "stale", "missing"],
)
def test_a_bad_signature_or_stale_timestamp_is_refused_and_changes_nothing(
    api_client, waiting, tamper
):
    body = stripe_event("payment_intent.succeeded", _intent(waiting))
    now = int(time.time())
    if tamper == "missing":
        response = api_client.post(URL, data=body, content_type="application/json")
    else:
        secret = "whsec_wrong" if tamper == "secret" else WEBHOOK_SECRET
        at = now - 301 - 60 if tamper == "stale" else now
        signature = stripe_signature(body, secret, at)
        sent = (
            body.replace(b'"succeeded"', b'"processing"', 1)
            if tamper == "body"
            else body
        )
        response = api_client.post(
            URL,
            data=sent,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"
    assert Payment.objects.get(pk=waiting.pk).status == PaymentStatus.REQUIRES_ACTION
    assert reload(waiting.order).status == OrderStatus.AWAITING_PAYMENT
    assert not WebhookEvent.objects.exists()


def test_webhooks_are_refused_when_no_endpoint_secret_is_set(
    api_client, waiting, settings
):
    settings.STRIPE_WEBHOOK_SECRET = ""
    body = stripe_event("payment_intent.succeeded", _intent(waiting))

    response = _post(api_client, body, secret="")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"


@pytest.mark.parametrize(
    ("amount", "currency"),
    [(100, "eur"), (2490, "usd")],
    ids=["wrong-amount", "wrong-currency"],
)
def test_a_wrong_amount_is_refused_and_the_order_is_not_paid(
    api_client, waiting, amount, currency, django_capture_on_commit_callbacks
):
    body = stripe_event(
        "payment_intent.succeeded", _intent(waiting, amount=amount, currency=currency)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api_client, body)
        again = _post(api_client, body)

    assert response.status_code == 400
    assert response.json()["code"] == "amount_mismatch"
    assert again.status_code == 400
    assert Payment.objects.get(pk=waiting.pk).status == PaymentStatus.REQUIRES_ACTION
    assert reload(waiting.order).status == OrderStatus.AWAITING_PAYMENT
    assert _paid_moves(waiting.order) == 0
    mismatch = OutboxEvent.objects.get(name="payment.amount_mismatch")
    assert mismatch.payload["payment_id"] == waiting.pk
    assert mismatch.payload["expected"] == "24.90"
    refused = WebhookEvent.objects.get()
    assert (refused.outcome, refused.error_code) == ("refused", "amount_mismatch")


def test_an_event_for_an_unknown_payment_is_recorded_and_ignored(api_client, waiting):
    intent = _intent(waiting) | {"id": "pi_not_ours", "metadata": {}}
    body = stripe_event("payment_intent.succeeded", intent)

    response = _post(api_client, body)

    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"
    assert WebhookEvent.objects.get().outcome == WebhookOutcome.IGNORED
    assert reload(waiting.order).status == OrderStatus.AWAITING_PAYMENT


def test_an_event_type_we_do_not_use_is_ignored(api_client, waiting):
    body = stripe_event("customer.created", {"id": "cus_1", "object": "customer"})

    response = _post(api_client, body)

    assert response.json()["outcome"] == "ignored"


def test_the_echoed_payment_id_finds_an_attempt_whose_answer_was_lost(
    api_client, order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    waiting = Payment.objects.get(
        pk=start_payment(order=order, method="card", actor=buyer).payment.pk
    )
    reference = waiting.provider_reference
    Payment.objects.filter(pk=waiting.pk).update(provider_reference=None)
    body = stripe_event(
        "payment_intent.succeeded", _intent(waiting) | {"id": reference}
    )

    with django_capture_on_commit_callbacks(execute=True):
        _post(api_client, body)

    payment = Payment.objects.get(pk=waiting.pk)
    assert (payment.status, payment.provider_reference) == ("succeeded", reference)
    assert reload(order).status == OrderStatus.PAID


def test_a_refund_made_at_stripe_is_recorded_once(
    api_client, order, buyer, stripe_fake, django_capture_on_commit_callbacks
):
    paid = start_payment(
        order=order, method="card", payment_method="pm_card_visa", actor=buyer
    ).payment
    charge = {
        "id": "ch_1",
        "object": "charge",
        "amount": 2490,
        "amount_refunded": 990,
        "currency": "eur",
        "payment_intent": paid.provider_reference,
        "refunded": False,
        "metadata": {},
    }

    with django_capture_on_commit_callbacks(execute=True):
        _post(api_client, stripe_event("charge.refunded", charge))
        _post(
            api_client, stripe_event("charge.refunded", charge)
        )  # another id, same total

    payment = Payment.objects.get(pk=paid.pk)
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED
    assert str(payment.refunded.amount) == "9.900"
    assert reload(order).status == OrderStatus.PARTIALLY_REFUNDED
    assert len([m for m in mail.outbox if "We refunded €9.90" in m.subject]) == 1


def test_the_service_refuses_a_bad_signature(waiting):
    body = stripe_event("payment_intent.succeeded", _intent(waiting))

    with pytest.raises(InvalidWebhook):
        handle_webhook(
            provider="stripe", body=body, headers={"Stripe-Signature": "t=1,v1=00"}
        )


def test_the_service_refuses_a_wrong_amount(waiting):
    body = stripe_event("payment_intent.succeeded", _intent(waiting, amount=1))
    headers = {
        "Stripe-Signature": stripe_signature(body, WEBHOOK_SECRET, int(time.time()))
    }

    with pytest.raises(AmountMismatch):
        handle_webhook(provider="stripe", body=body, headers=headers)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_webhooks_change_the_order_once(order, buyer, stripe_fake):
    """SQLite serialises whole-database writes; only PostgreSQL shows that
    the unique event id (and the order's row lock) let one delivery win."""
    waiting = Payment.objects.get(
        pk=start_payment(order=order, method="card", actor=buyer).payment.pk
    )
    body = stripe_event("payment_intent.succeeded", _intent(waiting))
    headers = {
        "Stripe-Signature": stripe_signature(body, WEBHOOK_SECRET, int(time.time()))
    }
    start = threading.Barrier(5)
    outcomes: list[str] = []
    lock = threading.Lock()

    def deliver() -> None:
        try:
            start.wait()
            event = handle_webhook(provider="stripe", body=body, headers=headers)
            result = event.outcome
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes == ["processed"] * 5  # the winner's record, five times
    assert WebhookEvent.objects.count() == 1
    assert _paid_moves(order) == 1
    assert OutboxEvent.objects.filter(name="order.paid").count() == 1
    assert json.loads(body)["id"] == WebhookEvent.objects.get().event_id
