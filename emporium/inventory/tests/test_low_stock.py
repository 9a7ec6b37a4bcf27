"""`stock.changed` says when a change made a stock row run low: once per
crossing of the low-stock threshold, whatever moved the available units."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emporium.core.models import OutboxEvent
from emporium.inventory.constants import STOCK_CHANGED
from emporium.inventory.reservations import (
    commit_reservation,
    release_reservation,
    reserve_stock,
)
from emporium.inventory.services import adjust_stock
from emporium.inventory.tests.factories import StockFactory

pytestmark = pytest.mark.django_db


def changes() -> list[dict]:
    events = OutboxEvent.objects.filter(name=STOCK_CHANGED).order_by("created_at", "pk")
    return [event.payload for event in events]


def adjust(stock, delta: int) -> None:
    adjust_stock(stock_id=stock.pk, delta=delta, reason="adjustment", actor=None)


def reserve(stock, quantity: int, reference: str = "EM-1") -> None:
    reserve_stock(
        lines=[(stock.offer_id, quantity)],
        reference=reference,
        expires_at=timezone.now() + timedelta(minutes=30),
        actor=None,
    )


@pytest.mark.parametrize(
    ("on_hand", "threshold", "deltas", "ran_low"),
    [
        # Selling down through the threshold: only the step onto it crosses.
        (10, 5, [-4, -1, -1, -1], [False, True, False, False]),
        # Restocked above, then falling again: a second crossing.
        (6, 5, [-2, +10, -10], [True, False, True]),
        # A restock that stays at or below the threshold re-arms nothing.
        (2, 5, [+2, -3], [False, False]),
        # Threshold 0: running out is the crossing.
        (2, 0, [-1, -1], [False, True]),
        # One big step from far above still crosses once.
        (100, 5, [-99], [True]),
    ],
)
def test_adjustments_run_low_once_per_crossing(on_hand, threshold, deltas, ran_low):
    stock = StockFactory(quantity_on_hand=on_hand, low_stock_threshold=threshold)

    for delta in deltas:
        adjust(stock, delta)

    assert [payload["ran_low"] for payload in changes()] == ran_low


def test_the_payload_names_the_quantities_and_threshold():
    stock = StockFactory(quantity_on_hand=6, quantity_reserved=0, low_stock_threshold=5)

    adjust(stock, -1)

    (payload,) = changes()
    assert payload == {
        "stock_id": stock.pk,
        "offer_id": stock.offer_id,
        "warehouse_id": stock.warehouse_id,
        "delta": -1,
        "reason": "adjustment",
        "quantity_on_hand": 5,
        "quantity_reserved": 0,
        "quantity_available": 5,
        "low_stock_threshold": 5,
        "ran_low": True,
    }


def test_a_reservation_that_takes_available_units_under_runs_low():
    stock = StockFactory(quantity_on_hand=7, low_stock_threshold=5)

    reserve(stock, 3)

    (payload,) = changes()
    assert (payload["reason"], payload["quantity_available"], payload["ran_low"]) == (
        "reservation",
        4,
        True,
    )


def test_selling_reserved_units_does_not_cross_again():
    stock = StockFactory(quantity_on_hand=7, low_stock_threshold=5)
    reserve(stock, 3)

    commit_reservation(reference="EM-1")

    reservation, sale = changes()
    assert reservation["ran_low"] is True
    assert (sale["reason"], sale["quantity_available"], sale["ran_low"]) == (
        "sale",
        4,
        False,
    )


def test_a_released_reservation_rearms_the_alert():
    stock = StockFactory(quantity_on_hand=7, low_stock_threshold=5)
    reserve(stock, 3, reference="EM-1")
    release_reservation(reference="EM-1")

    reserve(stock, 3, reference="EM-2")

    assert [(p["reason"], p["ran_low"]) for p in changes()] == [
        ("reservation", True),
        ("release", False),
        ("reservation", True),
    ]
