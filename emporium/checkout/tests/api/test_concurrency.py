"""Checkouts racing over HTTP on PostgreSQL: no overselling, one order per key.

Each buyer is a thread with its own API client (and database connection),
all released at once. SQLite serialises whole-database writes, so only
PostgreSQL shows that the row locks (cart, stock) and the unique index
(idempotency key) keep these promises; the tests skip elsewhere and CI runs
them. The orders package proves the same at the service level.
"""

import uuid
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from emporium.cart.tests.factories import CartFactory
from emporium.checkout.tests.api.test_views import CHECKOUT, order_body
from emporium.checkout.tests.conftest import fill
from emporium.core.tests.race import run_together
from emporium.inventory.constants import MovementReason
from emporium.inventory.models import Stock, StockMovement
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.payments.models import Payment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _buyer(cart, body: dict, key: str) -> Callable[[], tuple[int, str]]:
    def job() -> tuple[int, str]:
        response = APIClient().post(
            CHECKOUT,
            body,
            format="json",
            HTTP_X_CART_TOKEN=str(cart.token),
            HTTP_IDEMPOTENCY_KEY=key,
        )
        answer = response.json()
        return response.status_code, answer.get("number") or answer.get("code")

    return job


def test_thirty_buyers_for_five_units_get_five_orders(world):
    Stock.objects.filter(offer=world.lamp).update(quantity_on_hand=5)
    carts = [fill(CartFactory(), (world.lamp, 1)) for _ in range(30)]
    jobs = [
        _buyer(cart, order_body(world, email=f"b{i}@example.com"), uuid.uuid4().hex)
        for i, cart in enumerate(carts)
    ]

    outcomes = run_together(jobs)

    placed = [answer for status, answer in outcomes if status == 201]
    refused = [answer for status, answer in outcomes if status == 409]
    assert len(placed) == 5, outcomes
    # Whether the loser's cart read already saw the item sold out, or the
    # reservation inside place_order refused it: the same answer.
    assert refused == ["out_of_stock"] * 25, outcomes
    assert Order.objects.count() == 5
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.PAID}
    stock = Stock.objects.get(offer=world.lamp)
    assert (stock.quantity_on_hand, stock.quantity_reserved) == (0, 0)
    # The ledger never went below zero, and sold exactly the five units.
    movements = StockMovement.objects.filter(stock=stock)
    assert min(movements.values_list("quantity_after", flat=True)) >= 0
    sold = movements.filter(reason=MovementReason.SALE)
    assert sum(sold.values_list("delta", flat=True)) == -5


def test_one_key_sent_twice_at_once_makes_one_order(world, full_cart):
    body = order_body(world)

    outcomes = run_together([_buyer(full_cart, body, "same-key") for _ in range(2)])

    assert [status for status, _ in outcomes] == [201, 201], outcomes
    assert outcomes[0][1] == outcomes[1][1]
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
