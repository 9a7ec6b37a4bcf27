"""Money: exact amounts, one rounding rule, exact splits, locale formatting."""

from decimal import Decimal

import pytest

from emporium.core.money import (
    CurrencyMismatch,
    InvalidCurrency,
    Money,
    allocate,
    format_money,
    minor_unit,
)


def m(amount: str, currency: str = "EUR") -> Money:
    return Money(Decimal(amount), currency)


@pytest.mark.parametrize(
    ("currency", "places"),
    [("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3)],
)
def test_minor_unit_comes_from_currency_data(currency, places):
    assert minor_unit(currency) == places


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1.005", "EUR", "1.01"),
        ("1.004", "EUR", "1.00"),
        ("2.675", "EUR", "2.68"),
        ("-1.005", "EUR", "-1.01"),
        ("0.125", "EUR", "0.13"),
        ("100.5", "JPY", "101"),
        ("100.4", "JPY", "100"),
        ("-0.5", "JPY", "-1"),
        ("1.0005", "KWD", "1.001"),
        ("1.0004", "KWD", "1.000"),
        ("9.9995", "BHD", "10.000"),
    ],
)
def test_quantize_rounds_half_up_to_the_minor_unit(amount, currency, expected):
    result = m(amount, currency).quantize()

    assert result.amount == Decimal(expected)
    assert str(result.amount) == expected


@pytest.mark.parametrize(
    ("a", "b", "total", "difference"),
    [
        ("0.10", "0.20", "0.30", "-0.10"),
        ("19.99", "0.01", "20.00", "19.98"),
        ("-5.00", "2.50", "-2.50", "-7.50"),
    ],
)
def test_add_and_subtract_are_exact(a, b, total, difference):
    assert m(a) + m(b) == m(total)
    assert m(a) - m(b) == m(difference)


@pytest.mark.parametrize(
    ("amount", "factor", "expected"),
    [
        ("19.99", 3, "59.97"),
        ("0.10", Decimal("0.19"), "0.0190"),
        ("100", Decimal("-1"), "-100"),
    ],
)
def test_multiply_by_int_or_decimal(amount, factor, expected):
    assert m(amount) * factor == m(expected)
    assert factor * m(amount) == m(expected)


def test_float_amount_raises_type_error():
    with pytest.raises(TypeError):
        Money(0.1, "EUR")


def test_multiplying_by_a_float_raises_type_error():
    with pytest.raises(TypeError):
        m("1.00") * 1.5


def test_adding_an_int_raises_type_error():
    with pytest.raises(TypeError):
        m("1.00") + 1


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_raises_currency_mismatch(operation):
    with pytest.raises(CurrencyMismatch) as caught:
        operation(m("1.00", "EUR"), m("1.00", "USD"))

    assert caught.value.code == "currency_mismatch"


@pytest.mark.parametrize("code", ["eur", "EURO", "XYZ", "", "12"])
def test_unknown_currency_raises_invalid_currency(code):
    with pytest.raises(InvalidCurrency) as caught:
        Money(Decimal(1), code)

    assert caught.value.code == "invalid_currency"


def test_comparisons_within_one_currency():
    assert m("1.00") < m("1.01")
    assert m("2") > m("1.99")
    assert m("1.0") <= m("1.00")
    assert m("1.0") == m("1.00")


@pytest.mark.parametrize("currency", ["EUR", "JPY", "KWD"])
def test_zero_is_zero_in_its_currency(currency):
    zero = Money.zero(currency)

    assert zero.is_zero()
    assert zero.currency == currency


@pytest.mark.parametrize(
    ("units", "currency", "amount"),
    [(1999, "EUR", "19.99"), (1999, "JPY", "1999"), (1999, "KWD", "1.999")],
)
def test_minor_units_round_trip(units, currency, amount):
    money = Money.from_minor(units, currency)

    assert money.amount == Decimal(amount)
    assert money.to_minor() == units


@pytest.mark.parametrize(
    ("total", "currency", "weights", "parts"),
    [
        ("100.00", "EUR", [1, 1, 1], ["33.34", "33.33", "33.33"]),
        ("0.05", "EUR", [1, 1], ["0.03", "0.02"]),
        ("10.00", "EUR", [3, 7], ["3.00", "7.00"]),
        ("1.00", "EUR", [Decimal("0.5"), Decimal("0.25"), Decimal("0.25")],
         ["0.50", "0.25", "0.25"]),
        ("100", "JPY", [1, 1, 1], ["34", "33", "33"]),
        ("1", "JPY", [1, 1, 1], ["1", "0", "0"]),
        ("1.000", "KWD", [1, 2], ["0.333", "0.667"]),
        ("10.00", "EUR", [0, 1], ["0.00", "10.00"]),
        ("-10.00", "EUR", [1, 1, 1], ["-3.34", "-3.33", "-3.33"]),
        # 2/3 and 1/3 of 0.02: remainders 0.333 and 0.667 -> largest wins.
        ("0.02", "EUR", [1, 2], ["0.01", "0.01"]),
        ("0.04", "EUR", [1, 2], ["0.01", "0.03"]),
    ],
)  # fmt: skip
def test_allocate_splits_by_largest_remainder(total, currency, weights, parts):
    result = allocate(m(total, currency), weights)

    assert [part.amount for part in result] == [Decimal(p) for p in parts]
    assert sum((part for part in result), Money.zero(currency)) == m(total, currency)


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1]])
def test_allocate_refuses_weights_that_split_nothing(weights):
    with pytest.raises(ValueError, match="weight"):
        allocate(m("1.00"), weights)


def test_allocate_refuses_float_weights():
    with pytest.raises(TypeError):
        allocate(m("1.00"), [0.5, 0.5])


def test_allocate_refuses_a_total_finer_than_the_minor_unit():
    with pytest.raises(ValueError, match="minor units"):
        allocate(m("1.005"), [1, 1])


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "EUR", "en", "€1,234.50"),
        ("1234.5", "EUR", "de", "1.234,50\xa0€"),
        ("1234.5", "JPY", "en", "¥1,235"),
        ("1.2345", "KWD", "en", "KWD1.235"),
        ("0.125", "USD", "en", "$0.13"),
    ],
)
def test_format_money_rounds_once_and_localises(amount, currency, locale, expected):
    assert format_money(m(amount, currency), locale=locale) == expected
