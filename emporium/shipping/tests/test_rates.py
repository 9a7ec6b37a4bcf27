"""Pure quotes: hand-computed prices per kind, edges, thresholds, currencies.

No database: `quote_methods` works on loaded dataclasses only.
"""

from decimal import Decimal

import pytest

from emporium.core.money import Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.errors import InvalidShippingRequest
from emporium.shipping.rates import (
    LoadedMethod,
    RateBracket,
    ShippingQuote,
    ShippingRequest,
    quote_method,
    quote_methods,
)


def _request(*, weight=0, subtotal="0", currency="EUR", country="DE"):
    return ShippingRequest(
        country=country,
        weight_grams=weight,
        subtotal=Money(subtotal, currency),
    )


def _flat(price, *, currency="EUR", free_above=None, method_id=1):
    return LoadedMethod(
        id=method_id,
        name=f"Flat {method_id}",
        kind=MethodKind.FLAT,
        currency=currency,
        price=Money(price, currency),
        free_above=Money(free_above, currency) if free_above else None,
        min_days=2,
        max_days=3,
    )


def _bracketed(kind, rows, *, currency="EUR", free_above=None, method_id=2):
    return LoadedMethod(
        id=method_id,
        name=f"Bracketed {method_id}",
        kind=kind,
        currency=currency,
        free_above=Money(free_above, currency) if free_above else None,
        brackets=tuple(
            RateBracket(
                Decimal(lower),
                None if upper is None else Decimal(upper),
                Money(price, currency),
            )
            for lower, upper, price in rows
        ),
    )


def _price(method, request):
    quote = quote_method(method, request)
    return None if quote is None else quote.price


WEIGHT_ROWS = [(0, 1000, "5.00"), (1000, 5000, "8.50"), (5000, 10000, "12.00")]


@pytest.mark.parametrize(
    ("grams", "expected"),
    [
        (0, "5.00"),
        (999, "5.00"),
        (1000, "8.50"),  # exactly on a bound: the upper bracket
        (4999, "8.50"),
        (5000, "12.00"),
        (9999, "12.00"),
        (10000, None),  # the last bound is exclusive: beyond every bracket
        (31500, None),
    ],
)
def test_weight_method_prices_by_the_bracket_holding_the_weight(grams, expected):
    method = _bracketed(MethodKind.WEIGHT, WEIGHT_ROWS)

    price = _price(method, _request(weight=grams, subtotal="10.00"))

    assert price == (None if expected is None else Money(expected, "EUR"))


def test_weight_method_with_an_open_last_bracket_takes_any_weight():
    method = _bracketed(MethodKind.WEIGHT, [(0, 1000, "5.00"), (1000, None, "20.00")])

    assert _price(method, _request(weight=1000)) == Money("20.00", "EUR")
    assert _price(method, _request(weight=1_000_000)) == Money("20.00", "EUR")


def test_weight_in_a_gap_between_brackets_makes_the_method_unavailable():
    method = _bracketed(MethodKind.WEIGHT, [(0, 1000, "5.00"), (2000, 3000, "9.00")])

    assert _price(method, _request(weight=1500)) is None


@pytest.mark.parametrize(
    ("subtotal", "expected", "is_free"),
    [
        ("0.00", "3.90", False),
        ("19.99", "3.90", False),
        ("20.00", "2.90", False),  # on the bound: the upper bracket
        ("49.99", "2.90", False),
        ("50.00", "0.00", True),
        ("5000.00", "0.00", True),
    ],
)
def test_order_value_method_prices_by_the_subtotal(subtotal, expected, is_free):
    method = _bracketed(
        MethodKind.ORDER_VALUE,
        [(0, 20, "3.90"), (20, 50, "2.90"), (50, None, "0.00")],
    )

    quote = quote_method(method, _request(subtotal=subtotal))

    assert quote.price == Money(expected, "EUR")
    assert quote.is_free is is_free


def test_order_value_past_the_last_closed_bracket_is_unavailable_even_if_free():
    # free_above makes an applicable method free; it does not extend the
    # brackets (see docs/shipping.md).
    method = _bracketed(MethodKind.ORDER_VALUE, [(0, 100, "3.90")], free_above="100.00")

    assert _price(method, _request(subtotal="100.00")) is None


@pytest.mark.parametrize(
    ("subtotal", "expected", "is_free"),
    [
        ("10.00", "4.90", False),
        ("49.99", "4.90", False),  # one cent below the threshold
        ("50.00", "0.00", True),  # at the threshold: free
        ("50.01", "0.00", True),
    ],
)
def test_flat_rate_is_free_from_the_threshold_on(subtotal, expected, is_free):
    method = _flat("4.90", free_above="50.00")

    quote = quote_method(method, _request(subtotal=subtotal))

    assert quote == ShippingQuote(
        method_id=1,
        name="Flat 1",
        price=Money(expected, "EUR"),
        is_free=is_free,
        min_days=2,
        max_days=3,
    )


def test_free_above_applies_to_weight_methods_too():
    method = _bracketed(MethodKind.WEIGHT, WEIGHT_ROWS, free_above="80.00")

    assert _price(method, _request(weight=6000, subtotal="79.99")) == Money(
        "12.00", "EUR"
    )
    assert _price(method, _request(weight=6000, subtotal="80.00")) == Money(
        "0.00", "EUR"
    )
    # ... but only within the brackets: a parcel too heavy stays too heavy.
    assert _price(method, _request(weight=12000, subtotal="500.00")) is None


@pytest.mark.parametrize(
    ("subtotal", "expected"),
    [("4999", "800"), ("5000", "0")],
)
def test_jpy_flat_rate_has_no_minor_unit(subtotal, expected):
    method = _flat("800", currency="JPY", free_above="5000")

    quote = quote_method(method, _request(subtotal=subtotal, currency="JPY"))

    assert quote.price.amount == Decimal(expected)
    assert str(quote.price) == f"{expected} JPY"


def test_jpy_weight_brackets():
    method = _bracketed(
        MethodKind.WEIGHT, [(0, 2000, "1200"), (2000, None, "1800")], currency="JPY"
    )

    assert _price(method, _request(weight=2000, currency="JPY")) == Money("1800", "JPY")


@pytest.mark.parametrize(
    ("subtotal", "expected"),
    [("19.999", "1.250"), ("20.000", "0.000")],
)
def test_kwd_threshold_compares_three_decimals(subtotal, expected):
    method = _flat("1.250", currency="KWD", free_above="20.000")

    price = _price(method, _request(subtotal=subtotal, currency="KWD"))

    assert price == Money(expected, "KWD")
    assert str(price) == f"{expected} KWD"


def test_a_price_with_extra_decimals_is_rounded_half_up():
    assert _price(_flat("4.905"), _request()) == Money("4.91", "EUR")


def test_method_in_another_currency_does_not_apply():
    methods = [
        _flat("4.90", method_id=1),
        _flat("5.50", currency="USD", method_id=2),
        _flat("6.90", method_id=3),
    ]

    in_usd = quote_methods(methods, _request(subtotal="20.00", currency="USD"))
    in_eur = quote_methods(methods, _request(subtotal="20.00", currency="EUR"))

    assert [quote.method_id for quote in in_usd] == [2]
    assert [quote.method_id for quote in in_eur] == [1, 3]


def test_quote_methods_keeps_order_and_drops_what_does_not_apply():
    methods = [
        _bracketed(MethodKind.WEIGHT, WEIGHT_ROWS, method_id=7),
        _flat("4.90", method_id=3),
    ]

    quotes = quote_methods(methods, _request(weight=20000))

    assert [quote.method_id for quote in quotes] == [3]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"country": ""}, "country"),
        ({"weight_grams": -1}, "weight_grams"),
        ({"subtotal": Money("-0.01", "EUR")}, "subtotal"),
    ],
)
def test_request_refuses_unknown_country_and_negative_values(kwargs, field):
    values = {"country": "DE", "weight_grams": 0, "subtotal": Money("1", "EUR")}

    with pytest.raises(InvalidShippingRequest) as caught:
        ShippingRequest(**{**values, **kwargs})

    assert caught.value.code == "invalid_shipping_request"
    assert field in caught.value.fields


def test_request_upper_cases_the_country():
    assert _request(country=" fr ").country == "FR"
