"""Opening and configuring stock rows: the right warehouse, one row per
offer and warehouse, settings that never touch quantities."""

import threading

import pytest
from django.db import connection

from emporium.catalog.tests.factories import OfferFactory
from emporium.core.models import OutboxEvent
from emporium.inventory.errors import (
    InvalidQuantity,
    StockExists,
    StockNotFound,
    WarehouseOfOtherShop,
)
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.services import (
    MAX_QUANTITY,
    adjust_stock,
    create_stock,
    update_stock_settings,
)
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory


@pytest.mark.django_db
def test_create_stock_refuses_a_warehouse_of_another_shop():
    offer = OfferFactory()

    with pytest.raises(WarehouseOfOtherShop) as caught:
        create_stock(offer=offer, warehouse=WarehouseFactory(), quantity=5, actor=None)

    assert caught.value.code == "warehouse_of_other_shop"
    assert "warehouse" in caught.value.fields
    assert not Stock.objects.exists()


@pytest.mark.django_db
def test_create_stock_twice_raises_stock_exists_and_books_nothing():
    stock = StockFactory(quantity_on_hand=4)

    with pytest.raises(StockExists) as caught:
        create_stock(
            offer=stock.offer, warehouse=stock.warehouse, quantity=5, actor=None
        )

    assert caught.value.code == "stock_exists"
    assert Stock.objects.get().quantity_on_hand == 4
    assert not StockMovement.objects.exists()


@pytest.mark.django_db
def test_create_stock_refuses_a_negative_threshold():
    offer = OfferFactory()
    warehouse = WarehouseFactory(shop=offer.shop)

    with pytest.raises(InvalidQuantity):
        create_stock(
            offer=offer, warehouse=warehouse, actor=None, low_stock_threshold=-1
        )

    assert not Stock.objects.exists()


@pytest.mark.django_db
def test_update_stock_settings_changes_only_what_is_given_and_publishes():
    stock = StockFactory(quantity_on_hand=7, low_stock_threshold=5)

    update_stock_settings(stock_id=stock.pk, backorder_allowed=True)

    stock.refresh_from_db()
    assert (stock.backorder_allowed, stock.low_stock_threshold) == (True, 5)
    assert stock.quantity_on_hand == 7
    event = OutboxEvent.objects.get(name="stock.updated")
    assert event.payload == {
        "stock_id": stock.pk,
        "offer_id": stock.offer_id,
        "warehouse_id": stock.warehouse_id,
        "fields": ["backorder_allowed"],
    }


@pytest.mark.django_db
def test_update_stock_settings_refuses_a_negative_threshold():
    stock = StockFactory(low_stock_threshold=5)

    with pytest.raises(InvalidQuantity):
        update_stock_settings(stock_id=stock.pk, low_stock_threshold=-1)

    assert Stock.objects.get(pk=stock.pk).low_stock_threshold == 5
    assert not OutboxEvent.objects.exists()


@pytest.mark.django_db
def test_update_stock_settings_of_a_missing_row_raises_stock_not_found():
    with pytest.raises(StockNotFound):
        update_stock_settings(stock_id=999_999, backorder_allowed=True)


@pytest.mark.django_db
def test_adjust_stock_refuses_more_than_the_column_holds():
    stock = StockFactory(quantity_on_hand=MAX_QUANTITY - 1)

    with pytest.raises(InvalidQuantity):
        adjust_stock(stock_id=stock.pk, delta=2, reason="receipt", actor=None)

    assert Stock.objects.get(pk=stock.pk).quantity_on_hand == MAX_QUANTITY - 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_openings_of_one_stock_row_make_one_row():
    """SQLite serialises whole-database writes; on PostgreSQL the second
    insert waits on the unique index and must come out as StockExists,
    not an IntegrityError (a 500 in the API)."""
    offer = OfferFactory()
    warehouse = WarehouseFactory(shop=offer.shop)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def open_row() -> None:
        try:
            start.wait()
            create_stock(offer=offer, warehouse=warehouse, quantity=3, actor=None)
            result = "created"
        except StockExists:
            result = "exists"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=open_row) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["created", "exists"]
    assert Stock.objects.get().quantity_on_hand == 3
    assert StockMovement.objects.count() == 1
