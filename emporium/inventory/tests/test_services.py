"""Adjusting stock: the ledger, the floors, the database constraints."""

import pytest
from django.db import IntegrityError, transaction

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import OfferFactory
from emporium.core.models import OutboxEvent
from emporium.inventory.constants import STOCK_CHANGED, MovementReason
from emporium.inventory.errors import InsufficientStock, InvalidQuantity, StockNotFound
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.services import adjust_stock, create_stock
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def test_adjust_stock_writes_ledger_row_with_quantity_after():
    stock = StockFactory(quantity_on_hand=10)
    clerk = UserFactory()

    adjust_stock(
        stock_id=stock.pk, delta=-3, reason=MovementReason.SALE, actor=clerk,
        note="order 42",
    )  # fmt: skip

    stock.refresh_from_db()
    assert stock.quantity_on_hand == 7
    movement = StockMovement.objects.get(stock=stock)
    assert (movement.delta, movement.quantity_after) == (-3, 7)
    assert (movement.reason, movement.actor, movement.note) == (
        "sale",
        clerk,
        "order 42",
    )
    event = OutboxEvent.objects.get(name=STOCK_CHANGED)
    assert event.payload["quantity_on_hand"] == 7
    assert event.payload["offer_id"] == stock.offer_id


def test_adjust_stock_below_zero_raises_and_keeps_stock_unchanged():
    stock = StockFactory(quantity_on_hand=2)

    with pytest.raises(InsufficientStock) as caught:
        adjust_stock(
            stock_id=stock.pk, delta=-3, reason=MovementReason.SALE, actor=None
        )

    assert caught.value.code == "insufficient_stock"
    assert caught.value.extra == {"stock_id": stock.pk, "available": 2, "requested": 3}
    stock.refresh_from_db()
    assert stock.quantity_on_hand == 2
    assert not StockMovement.objects.exists()
    assert not OutboxEvent.objects.filter(name=STOCK_CHANGED).exists()


def test_adjust_stock_never_takes_on_hand_below_reserved():
    stock = StockFactory(quantity_on_hand=5, quantity_reserved=4)

    with pytest.raises(InsufficientStock):
        adjust_stock(
            stock_id=stock.pk, delta=-2, reason=MovementReason.ADJUSTMENT, actor=None
        )

    adjust_stock(
        stock_id=stock.pk, delta=-1, reason=MovementReason.ADJUSTMENT, actor=None
    )
    stock.refresh_from_db()
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (4, 4)


@pytest.mark.parametrize("delta", [0, True])
def test_adjust_stock_refuses_a_non_change(delta):
    stock = StockFactory()

    with pytest.raises(InvalidQuantity):
        adjust_stock(
            stock_id=stock.pk, delta=delta, reason=MovementReason.RECEIPT, actor=None
        )


def test_adjust_missing_stock_raises_stock_not_found():
    with pytest.raises(StockNotFound):
        adjust_stock(stock_id=999_999, delta=1, reason="receipt", actor=None)


def test_create_stock_books_opening_quantity_in_the_ledger():
    offer = OfferFactory()
    warehouse = WarehouseFactory(shop=offer.shop)

    stock = create_stock(offer=offer, warehouse=warehouse, quantity=12, actor=None)

    assert stock.quantity_on_hand == 12
    assert list(stock.movements.values_list("delta", "reason", "quantity_after")) == [
        (12, "receipt", 12)
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"quantity_on_hand": -1},
        {"quantity_on_hand": 1, "quantity_reserved": -1},
        {"quantity_on_hand": 1, "quantity_reserved": 2},
    ],
)
def test_database_refuses_negative_or_overreserved_stock(fields):
    stock = StockFactory(quantity_on_hand=5)

    with pytest.raises(IntegrityError), transaction.atomic():
        Stock.objects.filter(pk=stock.pk).update(**fields)
