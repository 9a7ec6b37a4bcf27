"""Payment, cancellation, expiry and refunds of an order, and its stock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emporium.core.money import Money
from emporium.inventory.constants import MovementReason
from emporium.inventory.errors import OutOfStock
from emporium.inventory.models import StockMovement
from emporium.inventory.reservations import release_expired_reservations
from emporium.inventory.services import adjust_stock
from emporium.orders.constants import (
    EXPIRED_REASON,
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import InvalidTransition, RefundNotAllowed
from emporium.orders.models import Order
from emporium.orders.services import (
    cancel_order,
    expire_unpaid_orders,
    mark_order_awaiting_payment,
    mark_order_paid,
    record_order_refund,
)
from emporium.orders.tasks import expire_unpaid_orders as expiry_task
from emporium.orders.tests.factories import place, stock_of

pytestmark = pytest.mark.django_db


def _reload(order: Order) -> Order:
    return Order.objects.get(pk=order.pk)


def _stock(offer) -> tuple[int, int]:
    stock = stock_of(offer)
    return stock.quantity_on_hand, stock.quantity_reserved


# --- Payment -----------------------------------------------------------------


def test_mark_order_paid_sells_the_reserved_stock(buyer, offer):
    order = place([(offer, 3)], customer=buyer)

    paid = mark_order_paid(order_id=order.pk, actor=None)

    assert paid.status == OrderStatus.PAID
    assert paid.paid_at is not None
    assert _stock(offer) == (7, 0)
    assert StockMovement.objects.filter(reason=MovementReason.SALE, delta=-3).exists()


def test_mark_order_paid_twice_sells_once(buyer, offer):
    order = place([(offer, 3)], customer=buyer)

    mark_order_paid(order_id=order.pk, actor=None)
    again = mark_order_paid(order_id=order.pk, actor=None)

    assert again.status == OrderStatus.PAID
    assert _stock(offer) == (7, 0)
    assert order.events.filter(to_status=OrderStatus.PAID).count() == 1


def test_payment_after_the_hold_expired_takes_the_stock_again(buyer, offer):
    order = place([(offer, 3)], customer=buyer)
    release_expired_reservations(now=timezone.now() + timedelta(hours=1))
    assert _stock(offer) == (10, 0)

    mark_order_paid(order_id=order.pk, actor=None)

    assert _reload(order).status == OrderStatus.PAID
    assert _stock(offer) == (7, 0)


def test_payment_after_the_hold_expired_and_the_stock_sold_is_refused(buyer, offer):
    order = place([(offer, 3)], customer=buyer)
    release_expired_reservations(now=timezone.now() + timedelta(hours=1))
    adjust_stock(
        stock_id=stock_of(offer).pk, delta=-9, reason=MovementReason.SALE, actor=None
    )

    with pytest.raises(OutOfStock):
        mark_order_paid(order_id=order.pk, actor=None)

    assert _reload(order).status == OrderStatus.PENDING
    assert _stock(offer) == (1, 0)


def test_a_cancelled_order_cannot_be_paid(buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    cancel_order(order_id=order.pk, actor=buyer)

    with pytest.raises(InvalidTransition) as caught:
        mark_order_paid(order_id=order.pk, actor=None)

    assert "from cancelled to paid" in caught.value.message


def test_awaiting_payment_can_hold_the_stock_longer(buyer, offer):
    order = place([(offer, 1)], customer=buyer, reservation_minutes=30)

    moved = mark_order_awaiting_payment(order_id=order.pk, actor=None, hold_minutes=600)

    assert moved.status == OrderStatus.AWAITING_PAYMENT
    later = timezone.now() + timedelta(hours=2)
    assert release_expired_reservations(now=later) == 0
    assert expire_unpaid_orders(now=later) == 0
    assert _stock(offer) == (10, 1)


# --- Cancellation ----------------------------------------------------------------


def test_cancel_order_releases_reserved_stock(buyer, offer):
    order = place([(offer, 4)], customer=buyer)

    cancelled = cancel_order(order_id=order.pk, actor=buyer, reason="Changed my mind")

    assert cancelled.status == OrderStatus.CANCELLED
    assert cancelled.cancelled_at is not None
    assert _stock(offer) == (10, 0)
    release = StockMovement.objects.get(reason=MovementReason.RELEASE)
    assert release.delta == 4
    event = order.events.get(type=OrderEventType.STATUS_CHANGED, to_status="cancelled")
    assert (event.actor, event.message) == (buyer, "Changed my mind")
    assert {f.status for f in order.fulfilments.all()} == {FulfilmentStatus.CANCELLED}


def test_a_buyer_cannot_cancel_a_paid_order(buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)

    with pytest.raises(InvalidTransition) as caught:
        cancel_order(order_id=order.pk, actor=buyer)

    assert caught.value.code == "invalid_transition"
    assert "from paid to cancelled" in caught.value.message
    assert _reload(order).status == OrderStatus.PAID


def test_staff_cancel_a_paid_order_and_its_stock_goes_back_on_hand(buyer, offer):
    order = place([(offer, 2)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)

    cancel_order(order_id=order.pk, actor=None, reason="Damaged", by_staff=True)

    assert _reload(order).status == OrderStatus.CANCELLED
    assert _stock(offer) == (10, 0)
    assert StockMovement.objects.filter(reason=MovementReason.RETURN, delta=2).exists()
    event = order.events.get(type=OrderEventType.STATUS_CHANGED, to_status="cancelled")
    assert event.data == {"refund_due": "24.90"}


def test_a_cancelled_order_cannot_be_cancelled_again(buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    cancel_order(order_id=order.pk, actor=buyer)

    with pytest.raises(InvalidTransition):
        cancel_order(order_id=order.pk, actor=None, by_staff=True)

    assert _stock(offer) == (10, 0)


# --- Expiry ------------------------------------------------------------------------


def test_reservation_expiry_cancels_the_unpaid_order_and_returns_stock(buyer, offer):
    order = place([(offer, 3)], customer=buyer, reservation_minutes=30)
    paid = place([(offer, 2)], customer=buyer, reservation_minutes=30)
    mark_order_paid(order_id=paid.pk, actor=None)
    fresh = place([(offer, 1)], customer=buyer, reservation_minutes=120)

    expired = expire_unpaid_orders(now=timezone.now() + timedelta(minutes=31))

    assert expired == 1
    assert _reload(order).status == OrderStatus.CANCELLED
    assert _reload(paid).status == OrderStatus.PAID
    assert _reload(fresh).status == OrderStatus.PENDING
    assert _stock(offer) == (8, 1)
    assert (
        order.events.get(
            type=OrderEventType.STATUS_CHANGED, to_status="cancelled"
        ).message
        == EXPIRED_REASON
    )


def test_the_inventory_expiry_cancels_the_order_through_its_event(
    buyer, offer, django_capture_on_commit_callbacks
):
    order = place([(offer, 3)], customer=buyer, reservation_minutes=30)
    later = timezone.now() + timedelta(minutes=31)

    with django_capture_on_commit_callbacks(execute=True):
        release_expired_reservations(now=later)

    assert _reload(order).status == OrderStatus.CANCELLED
    assert _stock(offer) == (10, 0)


def test_the_expiry_task_leaves_orders_whose_hold_is_running(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    assert expiry_task.delay().get() == 0

    assert _reload(order).status == OrderStatus.PENDING


# --- Refunds -------------------------------------------------------------------------


def test_a_partial_refund_then_the_rest_refunds_the_order(buyer, offer):
    order = place([(offer, 1)], customer=buyer)  # 10.00 + 4.90 shipping
    mark_order_paid(order_id=order.pk, actor=None)

    partly = record_order_refund(
        order_id=order.pk, amount=Money("4.90", "EUR"), actor=None
    )
    assert (partly.status, partly.refunded) == (
        OrderStatus.PARTIALLY_REFUNDED,
        Money("4.90", "EUR"),
    )
    more = record_order_refund(
        order_id=order.pk, amount=Money("5.00", "EUR"), actor=None
    )
    assert more.status == OrderStatus.PARTIALLY_REFUNDED
    assert order.events.filter(type=OrderEventType.REFUND_RECORDED).count() == 1
    whole = record_order_refund(
        order_id=order.pk, amount=Money("5.00", "EUR"), actor=None
    )
    assert (whole.status, whole.refunded) == (OrderStatus.REFUNDED, whole.total)


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("15.00", "EUR"), ("0.00", "EUR"), ("-1.00", "EUR"), ("1.00", "USD")],
)
def test_record_order_refund_refuses_an_impossible_amount(
    buyer, offer, amount, currency
):
    order = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)

    with pytest.raises(RefundNotAllowed) as caught:
        record_order_refund(
            order_id=order.pk, amount=Money(amount, currency), actor=None
        )

    assert caught.value.code == "refund_not_allowed"
    assert _reload(order).refunded_amount == 0


def test_an_unpaid_order_cannot_be_refunded(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    with pytest.raises(RefundNotAllowed):
        record_order_refund(order_id=order.pk, amount=Money("1.00", "EUR"), actor=None)


def test_a_paid_order_cancelled_by_staff_can_then_be_refunded(buyer, offer):
    order = place([(offer, 1)], customer=buyer)
    mark_order_paid(order_id=order.pk, actor=None)
    cancel_order(order_id=order.pk, actor=None, by_staff=True)

    refunded = record_order_refund(order_id=order.pk, amount=order.total, actor=None)

    assert refunded.status == OrderStatus.REFUNDED
