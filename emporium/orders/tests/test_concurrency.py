"""Checkouts racing on PostgreSQL: no overselling, one order per key.

SQLite serialises whole-database writes, so only PostgreSQL shows that the
row locks (stock) and the unique index (idempotency key) are what keep
these promises; the tests skip elsewhere and CI runs them.
"""

import uuid
from collections.abc import Callable

import pytest

from emporium.core.tests.race import run_together
from emporium.inventory.constants import MovementReason, ReservationStatus
from emporium.inventory.errors import OutOfStock
from emporium.inventory.models import StockMovement, StockReservation
from emporium.orders.models import Order
from emporium.orders.services import place_order
from emporium.orders.tests.factories import make_draft, stock_of, stocked_offer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _checkout(draft, key: str) -> Callable[[], str]:
    def job() -> str:
        try:
            order = place_order(draft=draft, idempotency_key=key, actor=None)
        except OutOfStock:
            return "out_of_stock"
        return order.number

    return job


def test_thirty_checkouts_for_five_units_give_five_orders():
    offer = stocked_offer(quantity=5)
    drafts = [
        make_draft([(offer, 1)], email=f"buyer{i}@example.com") for i in range(30)
    ]

    outcomes = run_together([_checkout(draft, uuid.uuid4().hex) for draft in drafts])

    sold = [o for o in outcomes if o.startswith("EM-")]
    assert len(sold) == 5, outcomes
    assert outcomes.count("out_of_stock") == 25, outcomes
    assert Order.objects.count() == 5
    stock = stock_of(offer)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (5, 5)
    assert stock.quantity_available == 0
    reservations = StockReservation.objects.filter(stock=stock)
    assert sorted(reservations.values_list("reference", flat=True)) == sorted(sold)
    assert set(reservations.values_list("status", flat=True)) == {
        ReservationStatus.ACTIVE
    }
    # The ledger: one reservation movement per order, each seeing on hand 5.
    movements = StockMovement.objects.filter(
        stock=stock, reason=MovementReason.RESERVATION
    )
    assert sorted(movements.values_list("delta", "quantity_after")) == [(-1, 5)] * 5


def test_the_same_idempotency_key_sent_twice_at_once_makes_one_order():
    offer = stocked_offer(quantity=5)
    draft = make_draft([(offer, 2)], email="double-click@example.com")
    key = uuid.uuid4().hex

    outcomes = run_together([_checkout(draft, key), _checkout(draft, key)])

    assert outcomes[0] == outcomes[1], outcomes
    assert outcomes[0].startswith("EM-")
    assert Order.objects.count() == 1
    assert stock_of(offer).quantity_reserved == 2


def test_one_key_for_the_last_units_returns_the_order_not_out_of_stock():
    """The key is claimed before stock is reserved: the second request waits
    for the first and gets its order, even though no stock is left."""
    offer = stocked_offer(quantity=1)
    draft = make_draft([(offer, 1)], email="last-unit@example.com")
    key = uuid.uuid4().hex

    outcomes = run_together([_checkout(draft, key) for _ in range(4)])

    assert len(set(outcomes)) == 1, outcomes
    assert outcomes[0].startswith("EM-"), outcomes
    assert Order.objects.count() == 1
