"""Each shop's part of an order: its shipping, frozen when placed, and its
part of every refund. Hand-computed tables; the rules in docs/orders.md."""

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest

from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.orders.constants import ORDER_REFUND_RECORDED
from emporium.orders.drafts import OrderDraft, ParcelQuote, shipping_per_shop
from emporium.orders.errors import InvalidOrderDraft
from emporium.orders.models import Fulfilment
from emporium.orders.services import mark_order_paid, place_order, record_order_refund
from emporium.orders.services.refunds import split_refund
from emporium.orders.tests.factories import ADDRESS, make_draft, stocked_offer
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.totals import compute_totals


def _draft(currency: str, shipping: str, quotes: list[str]) -> OrderDraft:
    line = PricedLine(
        offer_id=1,
        shop_id=1,
        product_id=1,
        category_ids=frozenset(),
        unit_price=Money("1", currency),
        quantity=1,
        tax_rate=Decimal("0"),
        prices_include_tax=True,
    )
    totals = compute_totals(
        lines=[line],
        currency=currency,
        shipping=ShippingCharge(Money(shipping, currency), Decimal("19"), True),
    )
    return OrderDraft(
        email="a@example.com",
        totals=totals,
        shipping_address=ADDRESS,
        parcels=tuple(
            ParcelQuote(shop_id=shop_id, price=Money(price, currency))
            for shop_id, price in enumerate(quotes, start=1)
        ),
    )


@pytest.mark.parametrize(
    ("currency", "paid", "quotes", "shops", "expected"),
    [
        ("EUR", "9.80", ["4.90", "4.90"], 2, ["4.90", "4.90"]),
        ("EUR", "4.90", ["0", "4.90"], 2, ["0", "4.90"]),  # one parcel free
        ("EUR", "10.00", ["3.00", "3.00", "4.00"], 3, ["3.00", "3.00", "4.00"]),
        ("EUR", "10.00", [], 3, ["3.34", "3.33", "3.33"]),  # no quotes: equal
        ("EUR", "0", ["4.90", "4.90"], 2, ["0", "0"]),  # free-shipping voucher
        ("JPY", "1000", [], 3, ["334", "333", "333"]),
        ("KWD", "1.000", ["1.000", "2.000"], 2, ["0.333", "0.667"]),
    ],
)
def test_shipping_per_shop_splits_what_the_buyer_paid_by_the_quotes(
    currency, paid, quotes, shops, expected
):
    draft = _draft(currency, paid, quotes)

    split = shipping_per_shop(draft, list(range(1, shops + 1)))

    assert list(split.values()) == [Money(amount, currency) for amount in expected]
    assert sum(split.values(), Money.zero(currency)) == Money(paid, currency)


@pytest.mark.parametrize(
    ("currency", "refund", "remaining", "expected"),
    [
        # docs/vendor-sales.md: North 26.50, South 31.90 (2000 cents split
        # 907.53 : 1092.47, the cent left goes to the larger remainder).
        ("EUR", "20.00", ["26.50", "31.90"], ["9.08", "10.92"]),
        ("EUR", "58.40", ["26.50", "31.90"], ["26.50", "31.90"]),
        ("EUR", "0.01", ["0.01", "0.01"], ["0.01", "0.00"]),  # a tie: first
        ("EUR", "0.01", ["0.00", "0.01"], ["0.00", "0.01"]),  # never beyond
        ("EUR", "5.00", ["1.00", "2.00"], ["1.00", "2.00"]),  # no shop's rest
        ("EUR", "1.00", ["0", "0"], ["0", "0"]),
        ("JPY", "1000", ["3000", "1000"], ["750", "250"]),
        ("KWD", "1.000", ["2.000", "1.000"], ["0.667", "0.333"]),
    ],
)
def test_split_refund_follows_what_each_shop_still_holds(
    currency, refund, remaining, expected
):
    parts = split_refund(
        Money(refund, currency), [Money(amount, currency) for amount in remaining]
    )

    assert parts == [Money(amount, currency) for amount in expected]


# --- Through the services ------------------------------------------------------


@pytest.fixture
def two_shops(db):
    """North: 2 x 12.00; South: 1 x 30.00; Standard 4.90 per parcel."""
    return stocked_offer(price="12.00"), stocked_offer(price="30.00")


def _place(two_shops, **changes) -> int:
    mug, lamp = two_shops
    draft = make_draft([(mug, 2), (lamp, 1)], shipping="9.80")
    parcels = (
        ParcelQuote(shop_id=mug.shop_id, price=Money("4.90", "EUR")),
        ParcelQuote(shop_id=lamp.shop_id, price=Money("4.90", "EUR")),
    )
    draft = replace(draft, **{"parcels": parcels, **changes})
    order = place_order(draft=draft, idempotency_key=uuid.uuid4().hex, actor=None)
    return order.pk


def _parts(order_id: int) -> list[tuple[Decimal, Decimal]]:
    return list(
        Fulfilment.objects.filter(order_id=order_id)
        .order_by("pk")
        .values_list("shipping_amount", "refunded_amount")
    )


def test_placing_freezes_each_shops_shipping(two_shops):
    order_id = _place(two_shops)

    assert _parts(order_id) == [
        (Decimal("4.90"), Decimal("0")),
        (Decimal("4.90"), Decimal("0")),
    ]


def test_quotes_that_are_not_one_per_shop_are_refused(two_shops):
    mug, _ = two_shops
    only_north = (ParcelQuote(shop_id=mug.shop_id, price=Money("9.80", "EUR")),)

    with pytest.raises(InvalidOrderDraft) as caught:
        _place(two_shops, parcels=only_north)

    assert caught.value.code == "invalid_order_draft"
    assert not Fulfilment.objects.exists()


def test_a_refund_is_split_over_the_shops_and_published_with_its_parts(two_shops):
    # North 24.00 + 4.90 = 28.90, South 30.00 + 4.90 = 34.90 (63.80 in all).
    order_id = _place(two_shops)
    mark_order_paid(order_id=order_id, actor=None)

    record_order_refund(order_id=order_id, amount=Money("20.00", "EUR"), actor=None)
    record_order_refund(order_id=order_id, amount=Money("43.80", "EUR"), actor=None)

    # 2000 x 28.90 / 63.80 = 905.96 -> 906; 2000 x 34.90 / 63.80 = 1094.04.
    assert _parts(order_id) == [
        (Decimal("4.90"), Decimal("28.90")),
        (Decimal("4.90"), Decimal("34.90")),
    ]
    first, second = (
        event.payload
        for event in OutboxEvent.objects.filter(name=ORDER_REFUND_RECORDED).order_by(
            "created_at", "pk"
        )
    )
    assert [(p["amount"], p["refunded"]) for p in first["parts"]] == [
        ("9.06", "9.06"),
        ("10.94", "10.94"),
    ]
    assert [(p["amount"], p["refunded"]) for p in second["parts"]] == [
        ("19.84", "28.90"),
        ("23.96", "34.90"),
    ]
    assert (second["amount"], second["refunded"]) == ("43.80", "63.80")
