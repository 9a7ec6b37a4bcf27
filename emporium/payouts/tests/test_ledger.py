"""The ledger written from orders' events: sales, commissions, refunds.

Figures of `factories.worked_example` (docs/vendor-sales.md), by hand.
"""

from decimal import Decimal

import pytest

from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.orders.constants import ORDER_PAID, ORDER_REFUND_RECORDED
from emporium.orders.services import record_order_refund
from emporium.payouts.constants import EntryKind
from emporium.payouts.models import LedgerEntry
from emporium.payouts.services import record_order_sales
from emporium.payouts.tests.factories import (
    offer_of,
    sell,
    shop_with_rate,
    worked_example,
)

pytestmark = pytest.mark.django_db


def _entries(shop) -> list[tuple[str, Decimal]]:
    return list(
        LedgerEntry.objects.filter(shop=shop)
        .order_by("pk")
        .values_list("kind", "amount")
    )


def _balance(shop) -> Decimal:
    # Added in Python: SQLite sums decimals as floats.
    return sum(
        LedgerEntry.objects.filter(shop=shop).values_list("amount", flat=True),
        Decimal(0),
    )


def test_a_paid_order_writes_each_shops_sale_and_commission():
    example = worked_example()

    assert _entries(example.north) == [
        (EntryKind.SALE, Decimal("26.50")),
        (EntryKind.COMMISSION, Decimal("-1.82")),
    ]
    assert _entries(example.south) == [
        (EntryKind.SALE, Decimal("31.90")),
        (EntryKind.COMMISSION, Decimal("-3.40")),
    ]
    sales = LedgerEntry.objects.filter(kind=EntryKind.SALE)
    total = sum(sales.values_list("amount", flat=True), Decimal(0))
    assert total == example.order.total_amount  # 58.40: every cent is a shop's


def test_each_entry_names_its_order_and_shipment():
    example = worked_example()

    sale = LedgerEntry.objects.get(shop=example.north, kind=EntryKind.SALE)

    assert sale.order_id == example.order.pk
    assert sale.fulfilment == example.fulfilment(example.north)
    assert sale.currency == "EUR"
    assert sale.description == (
        f"Order {example.order.number}: items €21.60 + shipping €4.90"
    )


def test_the_sales_of_an_order_are_written_once():
    example = worked_example()

    again = record_order_sales(order_id=example.order.pk)

    assert again == []
    assert LedgerEntry.objects.count() == 4


def test_the_paid_event_writes_the_sales_once_after_commit(
    django_capture_on_commit_callbacks,
):
    shop = shop_with_rate("10.00")
    with django_capture_on_commit_callbacks(execute=True):
        order = sell([(offer_of(shop, "10.00"), 1)], record=False)
    event = OutboxEvent.objects.get(name=ORDER_PAID, payload__order_id=order.pk)

    deliver(event.pk)  # redelivered: already handled
    record_order_sales(order_id=order.pk)  # and once more by hand

    # 10.00 gross = 8.40 net (1.60 tax); 10 % = 0.84.
    assert _entries(shop) == [
        (EntryKind.SALE, Decimal("14.90")),
        (EntryKind.COMMISSION, Decimal("-0.84")),
    ]


def test_an_unpaid_order_writes_nothing():
    shop = shop_with_rate()
    order = sell([(offer_of(shop, "10.00"), 1)], paid=False)

    assert record_order_sales(order_id=order.pk) == []
    assert not LedgerEntry.objects.exists()


def test_a_shop_with_no_commission_writes_no_commission_entry():
    shop = shop_with_rate("0")

    sell([(offer_of(shop, "10.00"), 1)])

    assert _entries(shop) == [(EntryKind.SALE, Decimal("14.90"))]


# --- Refunds -------------------------------------------------------------------


def _refund(capture, order, amount: str, currency: str = "EUR") -> None:
    with capture(execute=True):
        record_order_refund(
            order_id=order.pk, amount=Money(amount, currency), actor=None
        )


@pytest.mark.parametrize(
    ("shop", "refund", "returned", "balance"),
    [
        # 20.00 split 26.50 : 31.90 -> 9.08 / 10.92 (docs/vendor-sales.md);
        # commission back 1.82 x 9.08 / 26.50 = 0.62, 3.40 x 10.92 / 31.90
        # = 1.16; balance 26.50 - 1.82 - 9.08 + 0.62 = 16.22 and
        # 31.90 - 3.40 - 10.92 + 1.16 = 18.74.
        ("north", "-9.08", "0.62", "16.22"),
        ("south", "-10.92", "1.16", "18.74"),
    ],
)
def test_a_partial_refund_claws_back_each_shops_part_with_its_commission(
    django_capture_on_commit_callbacks, shop, refund, returned, balance
):
    example = worked_example()

    _refund(django_capture_on_commit_callbacks, example.order, "20.00")

    shop = getattr(example, shop)
    assert _entries(shop)[2:] == [
        (EntryKind.REFUND, Decimal(refund)),
        (EntryKind.COMMISSION_REFUND, Decimal(returned)),
    ]
    assert _balance(shop) == Decimal(balance)


def test_refunding_the_rest_brings_every_shop_to_zero(
    django_capture_on_commit_callbacks,
):
    example = worked_example()
    _refund(django_capture_on_commit_callbacks, example.order, "20.00")

    _refund(django_capture_on_commit_callbacks, example.order, "38.40")

    # North: 17.42 back and the last 1.20 of its commission; South 20.98, 2.24.
    assert _entries(example.north)[4:] == [
        (EntryKind.REFUND, Decimal("-17.42")),
        (EntryKind.COMMISSION_REFUND, Decimal("1.20")),
    ]
    assert _entries(example.south)[4:] == [
        (EntryKind.REFUND, Decimal("-20.98")),
        (EntryKind.COMMISSION_REFUND, Decimal("2.24")),
    ]
    assert _balance(example.north) == _balance(example.south) == 0


def test_a_redelivered_refund_event_writes_nothing_twice(
    django_capture_on_commit_callbacks,
):
    example = worked_example()
    _refund(django_capture_on_commit_callbacks, example.order, "20.00")
    event = OutboxEvent.objects.get(name=ORDER_REFUND_RECORDED)
    OutboxEvent.objects.filter(pk=event.pk).update(delivered_at=None, handled_by=[])

    deliver(event.pk)

    assert LedgerEntry.objects.count() == 8


def test_a_refund_before_the_sales_were_recorded_still_claws_back(
    django_capture_on_commit_callbacks,
):
    # Events may arrive in any order: the figures come from the order.
    example = worked_example(record=False)

    _refund(django_capture_on_commit_callbacks, example.order, "20.00")
    record_order_sales(order_id=example.order.pk)

    assert _balance(example.north) == Decimal("16.22")
    assert _balance(example.south) == Decimal("18.74")


def test_a_yen_order_and_its_partial_refund(django_capture_on_commit_callbacks):
    # 3 x 1,234 JPY gross at 10 % VAT: tax 336.5 -> 337, net 3,365;
    # commission 12.5 % = 420.625 -> 421; sale 3,702 + 500 shipping = 4,202.
    # Refund 1,000: commission back 421 x 1,000 / 4,202 = 100.19 -> 100.
    shop = shop_with_rate("12.50", default_currency="JPY")
    order = sell(
        [(offer_of(shop, "1234", "JPY"), 3)], quotes={shop.pk: "500"}, vat="10"
    )

    _refund(django_capture_on_commit_callbacks, order, "1000", "JPY")

    assert _entries(shop) == [
        (EntryKind.SALE, Decimal("4202")),
        (EntryKind.COMMISSION, Decimal("-421")),
        (EntryKind.REFUND, Decimal("-1000")),
        (EntryKind.COMMISSION_REFUND, Decimal("100")),
    ]
    assert _balance(shop) == Decimal("2881")
    assert set(LedgerEntry.objects.values_list("currency", flat=True)) == {"JPY"}
