"""Low-stock alerts: one email per member of the shop, once per crossing of
a stock row's threshold, after commit."""

import pytest
from django.core import mail

from emporium.accounts.tests.factories import UserFactory
from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.inventory.constants import STOCK_CHANGED
from emporium.inventory.services import adjust_stock
from emporium.inventory.tests.factories import StockFactory
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    shop = ShopFactory(name="Bob's Bikes & Boards", owner__email="owner@example.com")
    ShopMemberFactory(shop=shop, user__email="staff@example.com")
    ShopMemberFactory(user__email="someone-else@example.com")  # another shop
    return shop


@pytest.fixture
def stock(shop):
    """Six on hand, threshold five: one more sale runs it low."""
    return StockFactory(
        offer__variant__product__shop=shop,
        offer__variant__product__title="Trail helmet",
        offer__sku="HELMET-M",
        warehouse__name="Main store",
        quantity_on_hand=6,
        low_stock_threshold=5,
    )


def adjust(capture, stock, delta: int) -> None:
    with capture(execute=True):
        adjust_stock(stock_id=stock.pk, delta=delta, reason="adjustment", actor=None)


def test_running_low_emails_every_member_of_the_shop(
    django_capture_on_commit_callbacks, shop, stock
):
    adjust(django_capture_on_commit_callbacks, stock, -1)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "owner@example.com",
        "staff@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "Low stock: HELMET-M in Main store (Bob's Bikes & Boards)"
    assert "Trail helmet" in message.body
    assert "Available: 5" in message.body
    assert "Low-stock threshold: 5" in message.body
    link = f"http://testserver/vendor/stock/{stock.pk}/?shop={shop.slug}"
    assert link in message.body
    assert link.replace("&", "&amp;") in message.alternatives[0][0]


def test_the_alert_waits_for_the_commit(django_capture_on_commit_callbacks, stock):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        adjust_stock(stock_id=stock.pk, delta=-1, reason="adjustment", actor=None)

    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 2


def test_one_alert_per_crossing(django_capture_on_commit_callbacks, stock):
    capture = django_capture_on_commit_callbacks

    adjust(capture, stock, -1)  # 5: runs low
    adjust(capture, stock, -1)  # 4: still low, no mail
    adjust(capture, stock, -2)  # 2: still low, no mail
    assert len(mail.outbox) == 2

    adjust(capture, stock, +10)  # 12: restocked above, no mail
    assert len(mail.outbox) == 2

    adjust(capture, stock, -8)  # 4: runs low again
    assert len(mail.outbox) == 4


def test_a_redelivered_event_sends_no_second_alert(
    django_capture_on_commit_callbacks, stock
):
    adjust(django_capture_on_commit_callbacks, stock, -1)
    event = OutboxEvent.objects.get(name=STOCK_CHANGED)

    deliver(event.pk)

    assert len(mail.outbox) == 2


def test_no_alert_when_restocked_before_it_was_sent(
    django_capture_on_commit_callbacks, stock
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        adjust_stock(stock_id=stock.pk, delta=-1, reason="adjustment", actor=None)
    adjust_stock(stock_id=stock.pk, delta=+5, reason="receipt", actor=None)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_no_alert_for_a_warehouse_that_is_closed(
    django_capture_on_commit_callbacks, stock
):
    stock.warehouse.is_active = False
    stock.warehouse.save()

    adjust(django_capture_on_commit_callbacks, stock, -1)

    assert mail.outbox == []


def test_members_without_an_active_account_get_no_alert(
    django_capture_on_commit_callbacks, shop, stock
):
    ShopMemberFactory(
        shop=shop, user=UserFactory(email="gone@example.com", is_active=False)
    )

    adjust(django_capture_on_commit_callbacks, stock, -1)

    assert "gone@example.com" not in [m.to[0] for m in mail.outbox]
