"""Concurrent changes to one cart (row lock on the cart, PostgreSQL)."""

import threading

import pytest
from django.db import connection

from emporium.cart.models import CartLine
from emporium.cart.services import add_line
from emporium.cart.tests.factories import CartFactory, stocked_offer


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_adds_of_one_offer_make_one_line_with_both_quantities():
    """SQLite serialises whole-database writes, so only PostgreSQL shows that
    the cart row lock (SELECT ... FOR UPDATE) is what keeps the two adds from
    both creating the line (one would fail on the unique constraint)."""
    cart = CartFactory()
    offer = stocked_offer(stock=100)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def add(quantity: int) -> None:
        try:
            start.wait()
            add_line(cart=cart, user=None, offer_id=offer.pk, quantity=quantity)
            result = "added"
        except Exception as exc:
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=add, args=(n,)) for n in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes == ["added", "added"]
    line = CartLine.objects.get(cart=cart)
    assert line.quantity == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_never_pass_the_stock():
    cart = CartFactory()
    offer = stocked_offer(stock=5)
    start = threading.Barrier(4)
    outcomes: list[str] = []
    lock = threading.Lock()

    def add() -> None:
        try:
            start.wait()
            add_line(cart=cart, user=None, offer_id=offer.pk, quantity=2)
            result = "added"
        except Exception as exc:
            result = getattr(exc, "code", repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=add) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == [
        "added",
        "added",
        "insufficient_stock",
        "insufficient_stock",
    ]
    assert CartLine.objects.get(cart=cart).quantity == 4
