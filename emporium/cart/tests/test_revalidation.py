"""The pure rules of a cart read: status, quantity, price seen, messages."""

from decimal import Decimal

import pytest

from emporium.cart.constants import LineStatus, MessageCode
from emporium.cart.revalidation import Availability, check_line
from emporium.core.money import Money

EUR = "EUR"


def eur(amount: str) -> Money:
    return Money(Decimal(amount), EUR)


def check(
    *,
    quantity=2,
    seen="10.00",
    now="10.00",
    was_available=True,
    visible=True,
    available=5,
    backorder=False,
):
    return check_line(
        line_id=7,
        name="Shirt (M)",
        quantity=quantity,
        price_seen=eur(seen),
        was_available=was_available,
        unit_price=eur(now),
        availability=Availability(
            is_visible=visible, available=available, backorder_allowed=backorder
        ),
    )


def test_an_unchanged_line_is_ok_and_says_nothing():
    result = check()

    assert (result.status, result.quantity, result.messages) == (LineStatus.OK, 2, ())


def test_a_new_price_becomes_the_price_seen_and_is_told_with_both_prices():
    result = check(seen="10.00", now="12.00")

    assert result.status == LineStatus.PRICE_CHANGED
    assert result.price_seen == eur("12.00")
    assert result.previous_unit_price == eur("10.00")
    assert [m.text for m in result.messages] == [
        "The price of Shirt (M) changed from €10.00 to €12.00."
    ]


def test_a_price_stored_with_three_places_equals_the_same_price():
    assert check(seen="10.000", now="10.00").status == LineStatus.OK


def test_a_quantity_above_the_stock_is_lowered_to_it():
    result = check(quantity=5, available=2)

    assert (result.status, result.quantity, result.previous_quantity) == (
        LineStatus.QUANTITY_REDUCED,
        2,
        5,
    )
    assert [m.text for m in result.messages] == [
        "Only 2 of Shirt (M) left; quantity reduced."
    ]


def test_a_lowered_quantity_and_a_new_price_are_both_told():
    result = check(quantity=5, available=2, now="11.00")

    assert result.status == LineStatus.QUANTITY_REDUCED
    assert [m.code for m in result.messages] == [
        MessageCode.QUANTITY_REDUCED,
        MessageCode.PRICE_CHANGED,
    ]


def test_backorders_never_lower_the_quantity():
    result = check(quantity=50, available=0, backorder=True)

    assert (result.status, result.quantity) == (LineStatus.OK, 50)


@pytest.mark.parametrize(
    ("visible", "available", "text"),
    [
        (False, 5, "Shirt (M) is no longer available."),
        (True, 0, "Shirt (M) is sold out."),
    ],
)
def test_an_offer_not_sold_any_more_is_unavailable_and_keeps_its_line(
    visible, available, text
):
    result = check(visible=visible, available=available, now="99.00")

    assert result.status == LineStatus.UNAVAILABLE
    assert (result.quantity, result.price_seen, result.is_available) == (
        2,
        eur("10.00"),
        False,
    )
    assert [m.text for m in result.messages] == [text]


def test_an_unavailable_line_is_told_once():
    result = check(available=0, was_available=False)

    assert (result.status, result.messages) == (LineStatus.UNAVAILABLE, ())


def test_a_line_back_in_stock_says_so_and_is_checked_again():
    result = check(was_available=False, quantity=4, available=3)

    assert result.is_available
    assert [m.code for m in result.messages] == [
        MessageCode.AVAILABLE_AGAIN,
        MessageCode.QUANTITY_REDUCED,
    ]


def test_an_offer_priced_in_another_currency_now_is_unavailable():
    result = check_line(
        line_id=1,
        name="Shirt",
        quantity=1,
        price_seen=eur("10.00"),
        was_available=True,
        unit_price=Money(Decimal("1000"), "JPY"),
        availability=Availability(
            is_visible=True, available=5, backorder_allowed=False
        ),
    )

    assert result.status == LineStatus.UNAVAILABLE
