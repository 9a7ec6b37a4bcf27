"""The order and fulfilment state machines: only allowed moves, each recorded."""

import itertools
import re
from pathlib import Path

import pytest

from emporium.core.models import OutboxEvent
from emporium.orders.constants import (
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import InvalidTransition
from emporium.orders.models import Fulfilment, Order
from emporium.orders.states import (
    ALLOWED,
    FULFILMENT_ALLOWED,
    derived_order_status,
    transition_fulfilment,
    transition_order,
)
from emporium.orders.tests.factories import place

pytestmark = pytest.mark.django_db

ORDER_MOVES = list(itertools.product(OrderStatus, OrderStatus))
FULFILMENT_MOVES = list(itertools.product(FulfilmentStatus, FulfilmentStatus))


def _order_in(status: OrderStatus, offer) -> Order:
    """An order put straight into `status` (test set-up, not a transition)."""
    order = place([(offer, 1)])
    Order.objects.filter(pk=order.pk).update(status=status)
    return order


def test_every_status_has_a_row_in_the_tables():
    assert set(ALLOWED) == set(OrderStatus)
    assert set(FULFILMENT_ALLOWED) == set(FulfilmentStatus)


@pytest.mark.parametrize(
    ("from_status", "to"),
    [(f, t) for f, t in ORDER_MOVES if t not in ALLOWED[f]],
    ids=lambda status: status.value,
)
def test_a_disallowed_order_move_raises_and_changes_nothing(offer, from_status, to):
    order = _order_in(from_status, offer)

    with pytest.raises(InvalidTransition) as caught:
        transition_order(order_id=order.pk, to=to, actor=None)

    assert caught.value.status_code == 409
    assert f"from {from_status.value} to {to.value}" in caught.value.message
    assert Order.objects.get(pk=order.pk).status == from_status
    assert not order.events.filter(type=OrderEventType.STATUS_CHANGED).exists()


@pytest.mark.parametrize(
    ("from_status", "to"),
    [(f, t) for f, t in ORDER_MOVES if t in ALLOWED[f]],
    ids=lambda status: status.value,
)
def test_an_allowed_order_move_is_recorded_and_published(offer, buyer, from_status, to):
    order = _order_in(from_status, offer)

    moved = transition_order(order_id=order.pk, to=to, actor=buyer, reason="why")

    assert Order.objects.get(pk=order.pk).status == to == moved.status
    event = order.events.get(type=OrderEventType.STATUS_CHANGED)
    assert (event.from_status, event.to_status, event.actor, event.message) == (
        from_status,
        to,
        buyer,
        "why",
    )
    published = OutboxEvent.objects.get(name=f"order.{to.value}")
    assert published.payload["from"] == from_status.value


def test_moving_to_paid_or_cancelled_stamps_the_time(offer):
    order = place([(offer, 1)])

    transition_order(order_id=order.pk, to=OrderStatus.PAID, actor=None)
    transition_order(order_id=order.pk, to=OrderStatus.CANCELLED, actor=None)

    order.refresh_from_db()
    assert order.paid_at is not None
    assert order.cancelled_at >= order.paid_at


@pytest.mark.parametrize(
    ("from_status", "to"),
    [(f, t) for f, t in FULFILMENT_MOVES if t not in FULFILMENT_ALLOWED[f]],
    ids=lambda status: status.value,
)
def test_a_disallowed_fulfilment_move_raises(offer, from_status, to):
    order = place([(offer, 1)])
    fulfilment = order.fulfilments.get()
    Fulfilment.objects.filter(pk=fulfilment.pk).update(status=from_status)

    with pytest.raises(InvalidTransition) as caught:
        transition_fulfilment(fulfilment_id=fulfilment.pk, to=to, actor=None)

    assert f"from {from_status.value} to {to.value}" in caught.value.message
    assert Fulfilment.objects.get(pk=fulfilment.pk).status == from_status


S, F = OrderStatus, FulfilmentStatus


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([F.PENDING], None),
        ([F.PENDING, F.PENDING], None),
        ([F.SHIPPED, F.PENDING], S.PARTIALLY_FULFILLED),
        ([F.DELIVERED, F.PENDING], S.PARTIALLY_FULFILLED),
        ([F.SHIPPED], S.FULFILLED),
        ([F.SHIPPED, F.DELIVERED], S.FULFILLED),
        ([F.SHIPPED, F.CANCELLED], S.FULFILLED),
        ([F.DELIVERED], S.DELIVERED),
        ([F.DELIVERED, F.DELIVERED, F.CANCELLED], S.DELIVERED),
        ([F.CANCELLED], None),
        ([], None),
    ],
)
def test_derived_order_status(statuses, expected):
    assert derived_order_status(statuses) == expected


# Assignments like `order.status = ...` or `.update(status=...)` in orders,
# and `order.status = ...` / `fulfilment.status = ...` anywhere.
STATUS_WRITE = re.compile(r"\.status\s*=(?!=)|\.update\([^)]*\bstatus\s*=")
ORDER_STATUS_WRITE = re.compile(r"\b(order|fulfilment)\.status\s*=(?!=)")


def _writes(root: Path, pattern: re.Pattern) -> list[str]:
    return [
        f"{path}:{number}"
        for path in root.rglob("*.py")
        if path.name != "states.py" and "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]


def test_nothing_outside_states_assigns_an_order_or_fulfilment_status():
    """STYLE.md: one function per state machine writes the status."""
    package = Path(__file__).resolve().parents[1]

    assert _writes(package, STATUS_WRITE) == []
    assert _writes(package.parent, ORDER_STATUS_WRITE) == []
