"""Stock reservations: hold, sell, release, expire, restock; races on PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emporium.catalog.tests.factories import OfferFactory
from emporium.core.models import OutboxEvent
from emporium.core.tests.race import run_together
from emporium.inventory.constants import (
    STOCK_CHANGED,
    STOCK_RESERVATION_EXPIRED,
    MovementReason,
    ReservationStatus,
)
from emporium.inventory.errors import InvalidQuantity, OutOfStock, ReservationExists
from emporium.inventory.models import Stock, StockMovement, StockReservation
from emporium.inventory.reservations import (
    commit_reservation,
    release_expired_reservations,
    release_reservation,
    reserve_stock,
    restock_reservation,
)
from emporium.inventory.services import create_stock
from emporium.inventory.tasks import release_expired_reservations as expiry_task
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def _later(minutes: int = 30):
    return timezone.now() + timedelta(minutes=minutes)


def _reserve(lines, reference="EM-TEST01", minutes=30):
    return reserve_stock(
        lines=lines, reference=reference, expires_at=_later(minutes), actor=None
    )


def _fresh(stock: Stock) -> Stock:
    return Stock.objects.get(pk=stock.pk)


def _booked_stock(quantity: int) -> Stock:
    """A stock row whose opening quantity is in the ledger (`create_stock`)."""
    offer = OfferFactory()
    return create_stock(
        offer=offer,
        warehouse=WarehouseFactory(shop=offer.shop),
        quantity=quantity,
        actor=None,
    )


def _on_hand_from_ledger(stock: Stock) -> int:
    """On hand = every delta except reservation and release (module doc)."""
    return sum(
        StockMovement.objects.filter(stock=stock)
        .exclude(reason__in=[MovementReason.RESERVATION, MovementReason.RELEASE])
        .values_list("delta", flat=True)
    )


# --- Reserving ---------------------------------------------------------------


def test_reserve_stock_holds_units_and_writes_the_ledger():
    stock = StockFactory(quantity_on_hand=10)

    (reservation,) = _reserve([(stock.offer_id, 3)])

    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (10, 3)
    assert stock.quantity_available == 7
    assert (reservation.quantity, reservation.status) == (3, ReservationStatus.ACTIVE)
    movement = StockMovement.objects.filter(stock=stock).latest("pk")
    assert (movement.reason, movement.delta, movement.quantity_after) == (
        MovementReason.RESERVATION,
        -3,
        10,
    )
    assert movement.note == "EM-TEST01"
    event = OutboxEvent.objects.filter(name=STOCK_CHANGED).latest("created_at")
    assert event.payload["stock_id"] == stock.pk
    assert event.payload["quantity_reserved"] == 3


def test_reserve_stock_takes_the_warehouse_with_most_available_first():
    small = StockFactory(quantity_on_hand=2)
    big = StockFactory(
        offer=small.offer,
        warehouse=WarehouseFactory(shop=small.offer.shop),
        quantity_on_hand=5,
    )

    reservations = _reserve([(small.offer_id, 6)])

    assert {r.stock_id: r.quantity for r in reservations} == {big.pk: 5, small.pk: 1}
    assert _fresh(big).quantity_reserved == 5
    assert _fresh(small).quantity_reserved == 1


def test_reserve_stock_adds_up_repeated_lines_of_one_offer():
    stock = StockFactory(quantity_on_hand=5)

    _reserve([(stock.offer_id, 2), (stock.offer_id, 3)])

    assert _fresh(stock).quantity_reserved == 5


def test_reserve_stock_refuses_every_short_line_and_holds_nothing():
    plenty = StockFactory(quantity_on_hand=10)
    scarce = StockFactory(quantity_on_hand=2)
    gone = StockFactory(quantity_on_hand=0)

    with pytest.raises(OutOfStock) as caught:
        _reserve([(plenty.offer_id, 1), (scarce.offer_id, 3), (gone.offer_id, 1)])

    assert caught.value.code == "out_of_stock"
    assert caught.value.status_code == 409
    assert caught.value.extra["offers"] == [
        {"offer_id": scarce.offer_id, "requested": 3, "available": 2},
        {"offer_id": gone.offer_id, "requested": 1, "available": 0},
    ]
    assert _fresh(plenty).quantity_reserved == 0
    assert not StockReservation.objects.exists()


def test_reserve_stock_ignores_stock_in_inactive_warehouses():
    stock = StockFactory(quantity_on_hand=5, warehouse__is_active=False)

    with pytest.raises(OutOfStock):
        _reserve([(stock.offer_id, 1)])


def test_reserve_stock_backorders_beyond_on_hand_when_allowed():
    stock = StockFactory(quantity_on_hand=2, backorder_allowed=True)

    (reservation,) = _reserve([(stock.offer_id, 5)])

    assert (reservation.quantity, reservation.quantity_backordered) == (2, 3)
    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (2, 2)


def test_reserve_stock_refuses_a_second_active_hold_for_one_reference():
    stock = StockFactory(quantity_on_hand=5)
    _reserve([(stock.offer_id, 1)])

    with pytest.raises(ReservationExists):
        _reserve([(stock.offer_id, 1)])


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5])
def test_reserve_stock_refuses_a_quantity_that_is_not_a_positive_int(quantity):
    stock = StockFactory(quantity_on_hand=5)

    with pytest.raises(InvalidQuantity):
        _reserve([(stock.offer_id, quantity)])


# --- Committing, releasing, restocking ------------------------------------------


def test_commit_reservation_sells_the_units_once():
    stock = _booked_stock(10)
    _reserve([(stock.offer_id, 3)])

    committed = commit_reservation(reference="EM-TEST01")
    again = commit_reservation(reference="EM-TEST01")

    assert [r.status for r in committed] == [ReservationStatus.COMMITTED]
    assert again == []
    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (7, 0)
    sale = StockMovement.objects.get(stock=stock, reason=MovementReason.SALE)
    assert (sale.delta, sale.quantity_after) == (-3, 7)
    assert _on_hand_from_ledger(stock) == 7


def test_release_reservation_returns_the_units_once():
    stock = _booked_stock(10)
    _reserve([(stock.offer_id, 3)])

    released = release_reservation(reference="EM-TEST01", reason="cancelled")
    again = release_reservation(reference="EM-TEST01", reason="cancelled")

    assert [r.status for r in released] == [ReservationStatus.RELEASED]
    assert again == []
    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (10, 0)
    release = StockMovement.objects.get(stock=stock, reason=MovementReason.RELEASE)
    assert (release.delta, release.note) == (3, "EM-TEST01: cancelled")
    assert _on_hand_from_ledger(stock) == 10


def test_release_after_commit_changes_nothing():
    stock = StockFactory(quantity_on_hand=10)
    _reserve([(stock.offer_id, 3)])
    commit_reservation(reference="EM-TEST01")

    assert release_reservation(reference="EM-TEST01") == []

    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (7, 0)


def test_restock_reservation_puts_sold_units_back_on_hand_once():
    stock = StockFactory(quantity_on_hand=10)
    _reserve([(stock.offer_id, 3)])
    commit_reservation(reference="EM-TEST01")

    restock_reservation(reference="EM-TEST01", actor=None)
    restock_reservation(reference="EM-TEST01", actor=None)

    assert _fresh(stock).quantity_on_hand == 10
    assert (
        StockMovement.objects.filter(
            stock=stock, reason=MovementReason.RETURN, delta=3
        ).count()
        == 1
    )
    assert StockReservation.objects.get().status == ReservationStatus.RETURNED


def test_a_released_reference_may_reserve_again():
    stock = StockFactory(quantity_on_hand=10)
    _reserve([(stock.offer_id, 3)])
    release_reservation(reference="EM-TEST01")

    _reserve([(stock.offer_id, 2)])

    assert _fresh(stock).quantity_reserved == 2


# --- Expiry ----------------------------------------------------------------------


def test_release_expired_reservations_returns_only_expired_stock():
    stock = StockFactory(quantity_on_hand=10)
    _reserve([(stock.offer_id, 3)], reference="EM-OLD001", minutes=5)
    _reserve([(stock.offer_id, 2)], reference="EM-NEW001", minutes=60)

    released = release_expired_reservations(now=_later(10))

    assert released == 1
    assert _fresh(stock).quantity_reserved == 2
    statuses = dict(StockReservation.objects.values_list("reference", "status"))
    assert statuses == {
        "EM-OLD001": ReservationStatus.RELEASED,
        "EM-NEW001": ReservationStatus.ACTIVE,
    }
    event = OutboxEvent.objects.get(name=STOCK_RESERVATION_EXPIRED)
    assert event.payload["reference"] == "EM-OLD001"


def test_release_expired_reservations_twice_releases_once():
    stock = StockFactory(quantity_on_hand=10)
    _reserve([(stock.offer_id, 3)], minutes=5)

    assert release_expired_reservations(now=_later(10)) == 1
    assert release_expired_reservations(now=_later(10)) == 0

    assert StockMovement.objects.filter(reason=MovementReason.RELEASE).count() == 1


def test_the_expiry_task_releases_what_expired_by_now():
    stock = StockFactory(quantity_on_hand=10)
    reserve_stock(
        lines=[(stock.offer_id, 3)],
        reference="EM-TEST01",
        expires_at=timezone.now() - timedelta(seconds=1),
        actor=None,
    )

    assert expiry_task.delay().get() == 1

    assert _fresh(stock).quantity_reserved == 0


# --- Races (PostgreSQL) ---------------------------------------------------------


def _reserving(lines, reference):
    def job() -> str:
        try:
            _reserve(lines, reference=reference)
        except OutOfStock:
            return "out_of_stock"
        return "reserved"

    return job


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_for_five_units_reserve_exactly_five():
    """SQLite serialises whole-database writes, so only PostgreSQL shows that
    the row locks are what keeps reservations within on hand."""
    stock = StockFactory(quantity_on_hand=5)

    outcomes = run_together(
        [_reserving([(stock.offer_id, 1)], f"EM-RACE{i:02d}") for i in range(20)]
    )

    assert sorted(outcomes) == ["out_of_stock"] * 15 + ["reserved"] * 5
    stock = _fresh(stock)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (5, 5)
    assert StockReservation.objects.filter(stock=stock).count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_carts_naming_offers_in_opposite_order_do_not_deadlock():
    """Rows are locked in primary-key order whatever the cart's order, so two
    buyers of the same two offers queue instead of deadlocking."""
    first = StockFactory(quantity_on_hand=10)
    second = StockFactory(quantity_on_hand=10)
    forwards = [(first.offer_id, 1), (second.offer_id, 1)]
    backwards = list(reversed(forwards))

    outcomes = run_together(
        [
            _reserving(forwards if i % 2 else backwards, f"EM-PAIR{i:02d}")
            for i in range(10)
        ]
    )

    assert outcomes == ["reserved"] * 10
    assert _fresh(first).quantity_reserved == 10
    assert _fresh(second).quantity_reserved == 10
