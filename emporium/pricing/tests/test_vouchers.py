"""Voucher rules and arithmetic, pure (no database): hand-computed amounts,
scope, and the precise refusal for each broken rule."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from emporium.core.money import Money
from emporium.pricing.constants import VoucherKind
from emporium.pricing.errors import (
    VoucherCurrencyMismatch,
    VoucherExpired,
    VoucherInactive,
    VoucherMinimumNotMet,
    VoucherNotApplicable,
    VoucherNotYetValid,
    VoucherUsageExhausted,
)
from emporium.pricing.tests.factories import make_line
from emporium.pricing.vouchers import (
    VoucherTerms,
    check_voucher_fits_cart,
    check_voucher_is_live,
    compute_voucher_discount,
    normalize_voucher_code,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def terms(kind=VoucherKind.PERCENTAGE, value="10", currency="EUR", **changes):
    base = VoucherTerms(
        voucher_id=1,
        code="SAVE",
        kind=kind,
        value=Decimal(value),
        currency=currency,
        min_subtotal=None,
        starts_at=None,
        ends_at=None,
        is_active=True,
        usage_limit=None,
        times_used=0,
        per_customer_limit=None,
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("voucher", "lines", "expected"),
    [
        (  # 10 % of 44.98 = 4.498
            terms(value="10"),
            [make_line("19.99", 2, offer_id=1), make_line("5.00", offer_id=2)],
            Money("4.50", "EUR"),
        ),
        (terms(value="15"), [make_line("0.10")], Money("0.02", "EUR")),  # 0.015
        (terms(value="100"), [make_line("12.34")], Money("12.34", "EUR")),
        (terms(VoucherKind.FIXED, "5"), [make_line("30.00")], Money("5.00", "EUR")),
        (  # capped at what the lines cost
            terms(VoucherKind.FIXED, "50"),
            [make_line("30.00")],
            Money("30.00", "EUR"),
        ),
        (  # 299.85
            terms(value="15"),
            [make_line("1999", currency="JPY")],
            Money("300", "JPY"),
        ),
        (
            terms(VoucherKind.FIXED, "500", currency="JPY"),
            [make_line("1999", currency="JPY")],
            Money("500", "JPY"),
        ),
        (  # 0.1255, half up at the third decimal
            terms(value="10"),
            [make_line("1.255", currency="KWD")],
            Money("0.126", "KWD"),
        ),
    ],
)
def test_discount_on_lines_matches_hand_computed_amount(voucher, lines, expected):
    result = compute_voucher_discount(voucher, lines, shipping=None)

    assert result.lines_amount == expected
    assert result.shipping_amount == Money.zero(expected.currency)
    assert result.offer_ids == {line.offer_id for line in lines}


def test_free_shipping_takes_off_the_shipping_price():
    voucher = terms(VoucherKind.FREE_SHIPPING, "0")

    result = compute_voucher_discount(
        voucher, [make_line("20.00")], shipping=Money("4.90", "EUR")
    )

    assert result.shipping_amount == Money("4.90", "EUR")
    assert result.lines_amount == Money("0", "EUR")
    assert result.amount == Money("4.90", "EUR")


def test_free_shipping_without_shipping_takes_off_nothing():
    voucher = terms(VoucherKind.FREE_SHIPPING, "0")

    result = compute_voucher_discount(voucher, [make_line("20.00")], shipping=None)

    assert result.amount == Money("0", "EUR")


SHOES, BOOTS, BOOKS = 10, 11, 20  # BOOTS sits below SHOES
CART = [
    make_line("50.00", offer_id=1, product_id=101, shop_id=1, category_ids={10, 11}),
    make_line("30.00", offer_id=2, product_id=102, shop_id=2, category_ids={10}),
    make_line("20.00", offer_id=3, product_id=103, shop_id=1, category_ids={20}),
]


@pytest.mark.parametrize(
    ("scope", "eligible", "amount"),
    [
        ({}, {1, 2, 3}, "10.00"),
        ({"product_ids": frozenset({103})}, {3}, "2.00"),
        ({"category_ids": frozenset({SHOES})}, {1, 2}, "8.00"),  # and below
        ({"category_ids": frozenset({BOOTS})}, {1}, "5.00"),
        ({"shop_ids": frozenset({1})}, {1, 3}, "7.00"),
        (  # a shop narrows the categories: shop 1's shoes only
            {"shop_ids": frozenset({1}), "category_ids": frozenset({SHOES})},
            {1},
            "5.00",
        ),
        (  # products and categories widen each other
            {"product_ids": frozenset({103}), "category_ids": frozenset({BOOTS})},
            {1, 3},
            "7.00",
        ),
    ],
)
def test_a_percentage_applies_to_the_lines_in_scope_only(scope, eligible, amount):
    voucher = terms(value="10", **scope)

    result = compute_voucher_discount(voucher, CART, shipping=None)

    assert result.offer_ids == eligible
    assert result.lines_amount == Money(amount, "EUR")


def test_no_line_in_scope_means_no_discount():
    voucher = terms(product_ids=frozenset({999}))

    result = compute_voucher_discount(voucher, CART, shipping=Money("4.90", "EUR"))

    assert result.amount == Money("0", "EUR")
    assert result.offer_ids == frozenset()


def test_a_fixed_amount_in_another_currency_is_refused():
    voucher = terms(VoucherKind.FIXED, "5", currency="USD")

    with pytest.raises(VoucherCurrencyMismatch):
        compute_voucher_discount(voucher, [make_line("10.00")], shipping=None)


@pytest.mark.parametrize(
    ("changes", "error", "code"),
    [
        ({"is_active": False}, VoucherInactive, "voucher_inactive"),
        (
            {"starts_at": NOW + timedelta(seconds=1)},
            VoucherNotYetValid,
            "voucher_not_yet_valid",
        ),
        ({"ends_at": NOW}, VoucherExpired, "voucher_expired"),
        (
            {"usage_limit": 3, "times_used": 3},
            VoucherUsageExhausted,
            "voucher_usage_exhausted",
        ),
    ],
)
def test_a_voucher_that_is_not_live_is_refused_with_its_reason(changes, error, code):
    voucher = terms(**changes)

    with pytest.raises(error) as refused:
        check_voucher_is_live(voucher, now=NOW)

    assert refused.value.code == code


def test_a_voucher_inside_its_window_with_uses_left_is_live():
    voucher = terms(
        starts_at=NOW,
        ends_at=NOW + timedelta(seconds=1),
        usage_limit=3,
        times_used=2,
    )

    check_voucher_is_live(voucher, now=NOW)


def test_a_minimum_in_another_currency_is_refused():
    voucher = terms(min_subtotal=Money("10", "USD"), currency="USD")

    with pytest.raises(VoucherCurrencyMismatch) as refused:
        check_voucher_fits_cart(voucher, [make_line("50.00")], currency="EUR")

    assert refused.value.code == "voucher_currency_mismatch"


def test_a_percentage_without_minimum_fits_any_currency():
    voucher = terms(currency="EUR")

    check_voucher_fits_cart(voucher, [make_line("500", currency="JPY")], currency="JPY")


def test_a_cart_without_a_line_in_scope_is_refused():
    voucher = terms(shop_ids=frozenset({99}))

    with pytest.raises(VoucherNotApplicable) as refused:
        check_voucher_fits_cart(voucher, CART, currency="EUR")

    assert refused.value.code == "voucher_not_applicable"


def test_the_minimum_counts_lines_in_scope_and_says_what_is_missing():
    # Shop 1 lines: 50.00 + 20.00 = 70.00 of the 100.00 cart.
    voucher = terms(min_subtotal=Money("75.01", "EUR"), shop_ids=frozenset({1}))

    with pytest.raises(VoucherMinimumNotMet) as refused:
        check_voucher_fits_cart(voucher, CART, currency="EUR")

    assert refused.value.code == "voucher_minimum_not_met"
    assert "Spend €5.01 more" in refused.value.message
    assert refused.value.extra == {
        "minimum": "75.01",
        "missing": "5.01",
        "currency": "EUR",
    }


def test_a_cart_exactly_at_the_minimum_fits():
    voucher = terms(min_subtotal=Money("100.00", "EUR"))

    check_voucher_fits_cart(voucher, CART, currency="EUR")


@pytest.mark.parametrize(
    ("typed", "stored"), [(" summer-10 ", "SUMMER-10"), ("Save_5", "SAVE_5")]
)
def test_codes_are_compared_in_one_case(typed, stored):
    assert normalize_voucher_code(typed) == stored
