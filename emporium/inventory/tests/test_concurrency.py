"""No overselling under concurrent adjustments (row locks on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from emporium.inventory.constants import MovementReason
from emporium.inventory.errors import InsufficientStock
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.services import adjust_stock
from emporium.inventory.tests.factories import StockFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_decrements_of_five_units_sell_exactly_five():
    """SQLite serialises whole-database writes, so only PostgreSQL shows that
    the row lock (SELECT ... FOR UPDATE) is what prevents overselling."""
    stock = StockFactory(quantity_on_hand=5)
    start = threading.Barrier(10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buy() -> None:
        try:
            start.wait()
            adjust_stock(
                stock_id=stock.pk, delta=-1, reason=MovementReason.SALE, actor=None
            )
            result = "sold"
        except InsufficientStock:
            result = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refused"] * 5 + ["sold"] * 5
    assert Stock.objects.get(pk=stock.pk).quantity_on_hand == 0
    assert sorted(
        StockMovement.objects.filter(stock=stock).values_list(
            "quantity_after", flat=True
        )
    ) == [0, 1, 2, 3, 4]
