"""Bringing stock to a counted quantity (`set_stock_on_hand`)."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.inventory.constants import MovementReason
from emporium.inventory.errors import InsufficientStock, InvalidQuantity, StockNotFound
from emporium.inventory.models import StockMovement
from emporium.inventory.stocktake import set_stock_on_hand
from emporium.inventory.tests.factories import StockFactory

pytestmark = pytest.mark.django_db


def test_target_quantity_books_the_difference_in_the_ledger():
    stock = StockFactory(quantity_on_hand=10)
    clerk = UserFactory()

    set_stock_on_hand(
        stock_id=stock.pk, quantity=4, reason=MovementReason.IMPORT, actor=clerk
    )

    stock.refresh_from_db()
    assert stock.quantity_on_hand == 4
    movement = StockMovement.objects.get(stock=stock)
    assert (movement.delta, movement.quantity_after, movement.reason) == (
        -6,
        4,
        "import",
    )
    assert movement.actor == clerk


def test_quantity_already_on_hand_writes_nothing():
    stock = StockFactory(quantity_on_hand=10)

    set_stock_on_hand(
        stock_id=stock.pk, quantity=10, reason=MovementReason.IMPORT, actor=None
    )

    assert not StockMovement.objects.exists()


def test_quantity_below_reserved_is_refused():
    stock = StockFactory(quantity_on_hand=10, quantity_reserved=5)

    with pytest.raises(InsufficientStock):
        set_stock_on_hand(
            stock_id=stock.pk, quantity=4, reason=MovementReason.IMPORT, actor=None
        )

    stock.refresh_from_db()
    assert stock.quantity_on_hand == 10


@pytest.mark.parametrize("quantity", [-1, 2.5, True])
def test_quantity_must_be_a_whole_number_zero_or_more(quantity):
    stock = StockFactory()

    with pytest.raises(InvalidQuantity):
        set_stock_on_hand(
            stock_id=stock.pk, quantity=quantity, reason="import", actor=None
        )


def test_missing_stock_is_refused():
    with pytest.raises(StockNotFound):
        set_stock_on_hand(stock_id=404, quantity=1, reason="import", actor=None)
