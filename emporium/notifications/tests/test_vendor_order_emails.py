"""The email to a shop's people when an order with their items is paid."""

import pytest
from django.core import mail

from emporium.accounts.tests.factories import UserFactory
from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.orders.constants import ORDER_PAID
from emporium.orders.models import Fulfilment
from emporium.payouts.tests.factories import offer_of, sell, shop_with_rate
from emporium.vendors.tests.factories import ShopMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shops(db):
    north = shop_with_rate(name="North", slug="north")
    south = shop_with_rate(name="South", slug="south")
    return north, south


def _sell_paid(capture, shops, **options):
    north, south = shops
    items = [
        (offer_of(north, "12.00", title="Mug"), 2),
        (offer_of(south, "30.00", title="Lamp"), 1),
    ]
    with capture(execute=True):
        return sell(items, record=False, **options)


def _vendor_mails():
    return [m for m in mail.outbox if m.subject.startswith("New order")]


def test_each_shops_people_get_their_own_part_once_paid(
    django_capture_on_commit_callbacks, shops
):
    north, south = shops
    staff = ShopMemberFactory(shop=north, user=UserFactory(email="staff@north.test"))

    order = _sell_paid(django_capture_on_commit_callbacks, shops)

    by_recipient = {m.to[0]: m for m in _vendor_mails()}
    assert set(by_recipient) == {north.owner.email, staff.user.email, south.owner.email}
    message = by_recipient[staff.user.email]
    assert message.subject == f"New order {order.number} for North"
    text = message.body
    assert "2 x Mug" in text
    assert "Lamp" not in text  # another shop's line
    assert "Items: €24.00" in text
    assert "Shipping: €4.90" in text
    assert "Total for North: €28.90" in text
    assert "Hauptstr. 1" in text
    assert "Germany" in text
    fulfilment = Fulfilment.objects.get(order=order, shop=north)
    assert f"http://testserver/vendor/orders/{fulfilment.pk}/?shop=north" in text
    assert "Payment" not in text  # nor the buyer's payment details
    html = message.alternatives[0][0]
    assert "Mug" in html
    assert "Lamp" not in html
    assert "Mug" not in by_recipient[south.owner.email].body


def test_nothing_is_sent_before_the_order_is_paid(
    django_capture_on_commit_callbacks, shops
):
    north, _ = shops
    with django_capture_on_commit_callbacks(execute=True):
        sell([(offer_of(north, "5.00"), 1)], paid=False)

    assert _vendor_mails() == []


def test_a_redelivered_paid_event_sends_nothing_again(
    django_capture_on_commit_callbacks, shops
):
    order = _sell_paid(django_capture_on_commit_callbacks, shops)
    sent = len(_vendor_mails())
    event = OutboxEvent.objects.get(name=ORDER_PAID, payload__order_id=order.pk)

    deliver(event.pk)

    assert len(_vendor_mails()) == sent == 2


def test_the_email_goes_out_after_the_commit(django_capture_on_commit_callbacks, shops):
    north, _ = shops
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sell([(offer_of(north, "5.00"), 1)], record=False)

    assert _vendor_mails() == []
    for callback in callbacks:
        callback()
    assert [m.to for m in _vendor_mails()] == [[north.owner.email]]


def test_a_deactivated_member_gets_nothing(django_capture_on_commit_callbacks, shops):
    north, _ = shops
    gone = ShopMemberFactory(shop=north, user=UserFactory(is_active=False))

    _sell_paid(django_capture_on_commit_callbacks, shops)

    assert gone.user.email not in {m.to[0] for m in _vendor_mails()}
