"""Totals against hand-computed carts: inclusive and exclusive tax, JPY (0
decimals), KWD/BHD (3 decimals), discounts split over lines before tax.

Every expected figure was worked out by hand from the rule in
docs/pricing.md: line = unit x quantity rounded; discount split with
`allocate` (largest remainder, earliest line wins a tie); tax per line
rounded half up; totals are plain sums.
"""

from decimal import Decimal

import pytest

from emporium.core.money import CurrencyMismatch, Money
from emporium.pricing.lines import ShippingCharge
from emporium.pricing.tests.factories import make_line
from emporium.pricing.totals import compute_totals
from emporium.pricing.vouchers import VoucherDiscount


def discount(lines: str, offers: set[int], shipping: str = "0", currency="EUR"):
    return VoucherDiscount(
        voucher_id=1,
        code="TEST",
        lines_amount=Money(lines, currency),
        shipping_amount=Money(shipping, currency),
        offer_ids=frozenset(offers),
    )


def shipping(price: str, rate: str, *, inclusive: bool, currency="EUR"):
    return ShippingCharge(Money(price, currency), Decimal(rate), inclusive)


# Each case: lines, shipping, discount, expected per-line (discount, net,
# tax, gross), expected totals (subtotal, discount, shipping, net, tax, total).
CASES = {
    "EUR inclusive, shipping": (
        [make_line("19.99", 2, rate="19")],
        shipping("4.90", "19", inclusive=True),
        None,
        [("0.00", "33.60", "6.38", "39.98")],  # 6.38336
        ("39.98", "0.00", "4.90", "37.72", "7.16", "44.88"),  # ship tax 0.78235
    ),
    "EUR exclusive, shipping": (
        [make_line("19.99", 2, rate="19", inclusive=False)],
        shipping("4.90", "19", inclusive=False),
        None,
        [("0.00", "39.98", "7.60", "47.58")],  # 7.5962
        ("39.98", "0.00", "4.90", "44.88", "8.53", "53.41"),  # ship tax 0.931
    ),
    "EUR inclusive, 7 % and 19 % lines": (
        [
            make_line("9.99", rate="7", offer_id=1),
            make_line("19.99", rate="19", offer_id=2),
        ],
        None,
        None,
        [("0.00", "9.34", "0.65", "9.99"), ("0.00", "16.80", "3.19", "19.99")],
        ("29.98", "0.00", "0.00", "26.14", "3.84", "29.98"),
    ),
    "EUR exclusive, 3 x 0.333 is 1.00 and 19 % of 0.05": (
        [
            make_line("0.333", 3, inclusive=False, offer_id=1),
            make_line("0.05", 1, inclusive=False, offer_id=2),
        ],
        None,
        None,
        [("0.00", "1.00", "0.19", "1.19"), ("0.00", "0.05", "0.01", "0.06")],
        ("1.05", "0.00", "0.00", "1.05", "0.20", "1.25"),
    ),
    "JPY inclusive 10 %, shipping": (
        [make_line("1980", 3, currency="JPY", rate="10")],
        shipping("500", "10", inclusive=True, currency="JPY"),
        None,
        [("0", "5400", "540", "5940")],
        ("5940", "0", "500", "5855", "585", "6440"),  # ship tax 45.45
    ),
    "JPY exclusive, 8 % and 10 %, half up": (
        [
            make_line("1234", currency="JPY", rate="8", inclusive=False, offer_id=1),
            make_line("125", currency="JPY", rate="10", inclusive=False, offer_id=2),
        ],
        None,
        None,
        [("0", "1234", "99", "1333"), ("0", "125", "13", "138")],  # 98.72, 12.5
        ("1359", "0", "0", "1359", "112", "1471"),
    ),
    "KWD exclusive 5 %, half up at the third decimal": (
        [make_line("1.255", 2, currency="KWD", rate="5", inclusive=False)],
        shipping("1.000", "5", inclusive=False, currency="KWD"),
        None,
        [("0.000", "2.510", "0.126", "2.636")],  # 0.1255
        ("2.510", "0.000", "1.000", "3.510", "0.176", "3.686"),
    ),
    "BHD inclusive 10 %": (
        [
            make_line("1.000", currency="BHD", rate="10", offer_id=1),
            make_line("0.333", 3, currency="BHD", rate="10", offer_id=2),
        ],
        None,
        None,
        [("0.000", "0.909", "0.091", "1.000"), ("0.000", "0.908", "0.091", "0.999")],
        ("1.999", "0.000", "0.000", "1.817", "0.182", "1.999"),
    ),
    "EUR inclusive, 10.00 off three 10.00 lines": (
        [make_line("10.00", offer_id=i) for i in (1, 2, 3)],
        None,
        discount("10.00", {1, 2, 3}),
        [
            ("3.34", "5.60", "1.06", "6.66"),  # 1.06336
            ("3.33", "5.61", "1.06", "6.67"),  # 1.06496
            ("3.33", "5.61", "1.06", "6.67"),
        ],
        # Tax on the sum would be 20.00 x 19 / 119 = 3.1932 -> 3.19; we add
        # rounded lines: 3.18.
        ("30.00", "10.00", "0.00", "16.82", "3.18", "20.00"),
    ),
    "EUR exclusive, 10.00 off three 10.00 lines": (
        [make_line("10.00", inclusive=False, offer_id=i) for i in (1, 2, 3)],
        None,
        discount("10.00", {1, 2, 3}),
        [
            ("3.34", "6.66", "1.27", "7.93"),  # 1.2654
            ("3.33", "6.67", "1.27", "7.94"),  # 1.2673
            ("3.33", "6.67", "1.27", "7.94"),
        ],
        ("30.00", "10.00", "0.00", "20.00", "3.81", "23.81"),
    ),
    "EUR inclusive, 4.50 split 39.98 : 5.00": (
        [make_line("19.99", 2, offer_id=1), make_line("5.00", offer_id=2)],
        None,
        discount("4.50", {1, 2}),  # 10 % of 44.98
        # 450 cents x 3998/4498 = 399.987, x 500/4498 = 50.022: 400 and 50.
        [("4.00", "30.24", "5.74", "35.98"), ("0.50", "3.78", "0.72", "4.50")],
        ("44.98", "4.50", "0.00", "34.02", "6.46", "40.48"),
    ),
    "EUR inclusive, discount on the line in scope only": (
        [make_line("20.00", offer_id=1), make_line("10.00", offer_id=2)],
        None,
        discount("5.00", {1}),
        [("5.00", "12.61", "2.39", "15.00"), ("0.00", "8.40", "1.60", "10.00")],
        ("30.00", "5.00", "0.00", "21.01", "3.99", "25.00"),
    ),
    "JPY inclusive, 100 off three 100 lines": (
        [make_line("100", currency="JPY", rate="10", offer_id=i) for i in (1, 2, 3)],
        None,
        discount("100", {1, 2, 3}, currency="JPY"),
        [("34", "60", "6", "66"), ("33", "61", "6", "67"), ("33", "61", "6", "67")],
        ("300", "100", "0", "182", "18", "200"),
    ),
    "KWD exclusive, 1.000 off three 1.000 lines": (
        [
            make_line("1.000", currency="KWD", rate="5", inclusive=False, offer_id=i)
            for i in (1, 2, 3)
        ],
        None,
        discount("1.000", {1, 2, 3}, currency="KWD"),
        [
            ("0.334", "0.666", "0.033", "0.699"),  # 0.0333
            ("0.333", "0.667", "0.033", "0.700"),  # 0.03335
            ("0.333", "0.667", "0.033", "0.700"),
        ],
        ("3.000", "1.000", "0.000", "2.000", "0.099", "2.099"),
    ),
    "EUR inclusive, free shipping": (
        [make_line("20.00")],
        shipping("4.90", "19", inclusive=True),
        discount("0", {1}, shipping="4.90"),
        [("0.00", "16.81", "3.19", "20.00")],  # 3.19328
        ("20.00", "4.90", "4.90", "16.81", "3.19", "20.00"),
    ),
}


@pytest.mark.parametrize(
    ("lines", "ship", "off", "expected_lines", "expected"),
    CASES.values(),
    ids=CASES.keys(),
)
def test_totals_match_the_hand_computed_figures(
    lines, ship, off, expected_lines, expected
):
    currency = lines[0].unit_price.currency

    totals = compute_totals(lines=lines, currency=currency, shipping=ship, discount=off)

    money = [Money(amount, currency) for amount in expected]
    assert (
        totals.subtotal,
        totals.discount,
        totals.shipping,
        totals.net,
        totals.tax,
        totals.total,
    ) == tuple(money)
    assert [
        (line.discount, line.net, line.tax, line.gross) for line in totals.lines
    ] == [tuple(Money(a, currency) for a in row) for row in expected_lines]


@pytest.mark.parametrize(
    ("lines", "ship", "off"),
    [case[:3] for case in CASES.values()],
    ids=CASES.keys(),
)
def test_totals_add_up(lines, ship, off):
    currency = lines[0].unit_price.currency

    totals = compute_totals(lines=lines, currency=currency, shipping=ship, discount=off)

    assert totals.total == totals.net + totals.tax
    line_discounts = sum((line.discount for line in totals.lines), Money.zero(currency))
    assert line_discounts == (off.lines_amount if off else Money.zero(currency))
    all_gross = all(line.prices_include_tax for line in lines) and (
        ship is None or ship.prices_include_tax
    )
    if all_gross:
        assert totals.total == totals.subtotal - totals.discount + totals.shipping


def test_an_empty_cart_costs_nothing():
    totals = compute_totals(lines=[], currency="EUR")

    assert totals.total == Money("0", "EUR")
    assert totals.lines == ()


def test_free_shipping_never_takes_off_more_than_the_shipping():
    totals = compute_totals(
        lines=[make_line("20.00")],
        currency="EUR",
        shipping=shipping("3.00", "19", inclusive=True),
        discount=discount("0", {1}, shipping="4.90"),
    )

    assert totals.discount == Money("3.00", "EUR")
    assert totals.total == Money("20.00", "EUR")


def test_a_line_in_another_currency_is_refused():
    with pytest.raises(CurrencyMismatch):
        compute_totals(lines=[make_line("10", currency="USD")], currency="EUR")


def test_two_lines_for_one_offer_are_refused():
    with pytest.raises(ValueError, match="one line"):
        compute_totals(
            lines=[make_line("1.00", offer_id=7), make_line("2.00", offer_id=7)],
            currency="EUR",
        )


def test_a_discount_larger_than_its_lines_is_refused():
    with pytest.raises(ValueError, match="exceeds"):
        compute_totals(
            lines=[make_line("5.00", offer_id=1), make_line("50.00", offer_id=2)],
            currency="EUR",
            discount=discount("6.00", {1}),
        )


@pytest.mark.django_db
def test_totals_never_query_the_database(django_assert_num_queries):
    lines = [make_line("10.00", offer_id=i) for i in (1, 2, 3)]

    with django_assert_num_queries(0):
        compute_totals(
            lines=lines,
            currency="EUR",
            shipping=shipping("4.90", "19", inclusive=True),
            discount=discount("10.00", {1, 2, 3}),
        )
