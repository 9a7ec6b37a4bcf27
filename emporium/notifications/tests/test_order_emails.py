"""Order emails: sent once, after commit, with what the buyer needs."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail

from emporium.accounts.tests.factories import UserFactory
from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.orders.constants import ORDER_PLACED
from emporium.orders.selectors import get_order_by_signed_token
from emporium.orders.services import (
    cancel_order,
    mark_fulfilment_shipped,
    mark_order_paid,
)
from emporium.orders.tests.factories import place, stocked_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    return stocked_offer(quantity=10, price="10.00")


def _placed(capture, items, **options):
    with capture(execute=True):
        return place(items, **options)


def test_the_confirmation_waits_for_the_commit(
    django_capture_on_commit_callbacks, offer
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place([(offer, 1)], email="guest@example.com")

    assert mail.outbox == []
    assert callbacks

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1


def test_a_guest_confirmation_has_lines_totals_addresses_and_the_signed_link(
    django_capture_on_commit_callbacks, offer
):
    order = _placed(
        django_capture_on_commit_callbacks, [(offer, 2)], email="guest@example.com"
    )

    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert message.subject == f"Your Emporium order {order.number}"
    text = message.body
    title = offer.variant.product.title
    assert f"2 x {title}" in text
    assert "Total: €24.90" in text
    assert "Shipping (Standard): €4.90" in text
    assert "Hauptstr. 1" in text
    assert "Germany" in text
    html = message.alternatives[0][0]
    assert title in html
    assert "€24.90" in html
    link = next(word for word in text.split() if "/orders/" in word)
    token = parse_qs(urlparse(link).query)["token"][0]
    assert urlparse(link).path == f"/orders/{order.number}/"
    assert get_order_by_signed_token(number=order.number, token=token) == order


def test_a_buyer_with_an_account_gets_the_my_account_link(
    django_capture_on_commit_callbacks, offer
):
    buyer = UserFactory(email="ann@example.com")
    order = _placed(django_capture_on_commit_callbacks, [(offer, 1)], customer=buyer)

    (message,) = mail.outbox
    assert f"http://testserver/account/orders/{order.number}/" in message.body
    assert "token=" not in message.body


def test_a_redelivered_event_sends_no_second_confirmation(
    django_capture_on_commit_callbacks, offer
):
    _placed(django_capture_on_commit_callbacks, [(offer, 1)], email="g@example.com")
    event = OutboxEvent.objects.get(name=ORDER_PLACED)

    deliver(event.pk)

    assert len(mail.outbox) == 1


def test_cancelling_sends_the_cancellation_email(
    django_capture_on_commit_callbacks, offer
):
    order = _placed(
        django_capture_on_commit_callbacks, [(offer, 1)], email="g@example.com"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order_id=order.pk, actor=None, reason="Changed my mind.")

    (message,) = mail.outbox
    assert message.subject == f"Your Emporium order {order.number} was cancelled"
    assert "Changed my mind." in message.body
    assert "refund" not in message.body  # never paid


def test_shipping_sends_the_tracking_link(django_capture_on_commit_callbacks, offer):
    order = _placed(
        django_capture_on_commit_callbacks, [(offer, 1)], email="g@example.com"
    )
    mark_order_paid(order_id=order.pk, actor=None)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        mark_fulfilment_shipped(
            fulfilment_id=order.fulfilments.get().pk,
            actor=None,
            carrier="DHL",
            tracking_number="JJD01",
            tracking_url="https://track.example.com/JJD01",
        )

    (message,) = mail.outbox
    assert message.subject == f"Your Emporium order {order.number} is on its way"
    assert "Track your parcel: https://track.example.com/JJD01" in message.body
    assert "Tracking number: JJD01" in message.body
    assert 'href="https://track.example.com/JJD01"' in message.alternatives[0][0]
