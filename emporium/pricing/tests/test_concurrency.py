"""The last use of a voucher goes to one order only (row lock, PostgreSQL)."""

import threading

import pytest
from django.db import connection

from emporium.pricing.errors import VoucherUsageExhausted
from emporium.pricing.models import Voucher, VoucherRedemption
from emporium.pricing.services import redeem_voucher
from emporium.pricing.tests.factories import VoucherFactory


def _race(voucher_id: int, order_refs: list[str]) -> list[str]:
    """Redeem once per order reference, all threads released together."""
    start = threading.Barrier(len(order_refs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def place(order_ref: str) -> None:
        try:
            start.wait()
            redeem_voucher(
                voucher_id=voucher_id,
                customer=None,
                email=f"{order_ref}@example.com",
                order_ref=order_ref,
            )
            result = "redeemed"
        except VoucherUsageExhausted:
            result = "exhausted"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=place, args=(ref,)) for ref in order_refs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_orders_racing_for_the_last_use_get_one_success():
    """SQLite serialises whole-database writes, so only PostgreSQL shows that
    the row lock (SELECT ... FOR UPDATE) is what keeps the limit."""
    voucher = VoucherFactory(usage_limit=2, times_used=1)

    outcomes = _race(voucher.pk, ["ORDER-A", "ORDER-B"])

    assert sorted(outcomes) == ["exhausted", "redeemed"]
    assert Voucher.objects.get(pk=voucher.pk).times_used == 2
    assert VoucherRedemption.objects.filter(voucher=voucher).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_orders_racing_for_three_uses_get_exactly_three():
    voucher = VoucherFactory(usage_limit=3)

    outcomes = _race(voucher.pk, [f"ORDER-{n}" for n in range(10)])

    assert sorted(outcomes) == ["exhausted"] * 7 + ["redeemed"] * 3
    assert Voucher.objects.get(pk=voucher.pk).times_used == 3
    assert VoucherRedemption.objects.filter(voucher=voucher).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_order_redeeming_twice_at_once_counts_once():
    voucher = VoucherFactory(usage_limit=5)

    outcomes = _race(voucher.pk, ["ORDER-A", "ORDER-A"])

    assert outcomes == ["redeemed", "redeemed"]
    assert Voucher.objects.get(pk=voucher.pk).times_used == 1
    assert VoucherRedemption.objects.filter(voucher=voucher).count() == 1
