"""A shop's earnings, pure: hand-computed commission and refund tables."""

from decimal import Decimal

import pytest

from emporium.core.money import Money
from emporium.payouts.earnings import (
    LineFigures,
    ShopEarnings,
    commission_returned,
    line_commission,
    shop_earnings,
)


def _line(gross: str, net: str, rate: str, currency: str = "EUR") -> LineFigures:
    return LineFigures(
        gross=Money(gross, currency),
        net=Money(net, currency),
        commission_rate=Decimal(rate),
    )


@pytest.mark.parametrize(
    ("net", "rate", "currency", "expected"),
    [
        ("18.15", "10", "EUR", "1.82"),  # 1.815, half up
        ("22.69", "15", "EUR", "3.40"),  # 3.4035
        ("0.05", "10", "EUR", "0.01"),  # 0.005, half up
        ("0.04", "10", "EUR", "0.00"),  # 0.004
        ("100.00", "0", "EUR", "0.00"),
        ("100.00", "100", "EUR", "100.00"),
        ("3365", "12.5", "JPY", "421"),  # 420.625
        ("1005", "10", "JPY", "101"),  # 100.5, half up
        ("7.125", "10", "KWD", "0.713"),  # 0.7125, half up
        ("7.124", "10", "KWD", "0.712"),  # 0.7124
    ],
)
def test_line_commission_is_the_frozen_rate_of_the_net_rounded(
    net, rate, currency, expected
):
    line = _line(net, net, rate, currency)

    assert line_commission(line) == Money(expected, currency)


def test_commission_is_rounded_per_line_then_added():
    # Two lines of 0.05 net at 10 %: 0.005 + 0.005 rounds to 0.01 + 0.01;
    # 10 % of the sum (0.10) would be 0.01.
    lines = [_line("0.06", "0.05", "10"), _line("0.06", "0.05", "10")]

    earnings = shop_earnings(lines, shipping=Money("0", "EUR"))

    assert earnings.commission == Money("0.02", "EUR")


@pytest.mark.parametrize(
    ("lines", "shipping", "currency", "sale", "commission", "net"),
    [
        # docs/vendor-sales.md, North: 2 x Mug, 21.60 gross (18.15 net)
        # after the voucher, 10 %; its parcel 4.90.
        ([("21.60", "18.15", "10")], "4.90", "EUR", "26.50", "1.82", "24.68"),
        # South: 1 x Lamp, 27.00 gross (22.69 net), 15 %; 4.90.
        ([("27.00", "22.69", "15")], "4.90", "EUR", "31.90", "3.40", "28.50"),
        # Shipping is income too, and carries no commission.
        ([("10.00", "8.40", "10"), ("5.00", "4.20", "10")], "0", "EUR",
         "15.00", "1.26", "13.74"),
        # 3 x 1,234 JPY gross at 10 % VAT: net 3,365, 12.5 %; parcel 500.
        ([("3702", "3365", "12.5")], "500", "JPY", "4202", "421", "3781"),
        ([("7.125", "7.125", "10")], "1.500", "KWD", "8.625", "0.713", "7.912"),
    ],
)  # fmt: skip
def test_shop_earnings(lines, shipping, currency, sale, commission, net):
    earnings = shop_earnings(
        [_line(*line, currency) for line in lines], Money(shipping, currency)
    )

    assert (earnings.sale, earnings.commission, earnings.net) == (
        Money(sale, currency),
        Money(commission, currency),
        Money(net, currency),
    )


def _earnings(sale: str, commission: str, currency: str = "EUR") -> ShopEarnings:
    return ShopEarnings(
        goods=Money(sale, currency),
        shipping=Money.zero(currency),
        commission=Money(commission, currency),
    )


@pytest.mark.parametrize(
    ("sale", "commission", "before", "after", "currency", "returned"),
    [
        # North: 1.82 x 9.08 / 26.50 = 0.6236 -> 0.62
        ("26.50", "1.82", "0", "9.08", "EUR", "0.62"),
        # then the rest: 1.82 in all, so 1.20 more
        ("26.50", "1.82", "9.08", "26.50", "EUR", "1.20"),
        # South: 3.40 x 10.92 / 31.90 = 1.1639 -> 1.16, then 2.24
        ("31.90", "3.40", "0", "10.92", "EUR", "1.16"),
        ("31.90", "3.40", "10.92", "31.90", "EUR", "2.24"),
        # a cent at a time never gives back more than the commission
        ("0.03", "0.01", "0", "0.01", "EUR", "0.00"),  # 0.0033
        ("0.03", "0.01", "0.01", "0.02", "EUR", "0.01"),  # 0.0067 -> 0.01
        ("0.03", "0.01", "0.02", "0.03", "EUR", "0.00"),
        # 421 x 1,000 / 4,202 = 100.19 -> 100
        ("4202", "421", "0", "1000", "JPY", "100"),
        ("10.000", "1.000", "0", "2.500", "KWD", "0.250"),
        ("0", "0", "0", "0", "EUR", "0"),
    ],
)
def test_commission_returned_follows_the_refunded_share(
    sale, commission, before, after, currency, returned
):
    earnings = _earnings(sale, commission, currency)

    result = commission_returned(
        earnings,
        refunded_before=Money(before, currency),
        refunded_after=Money(after, currency),
    )

    assert result == Money(returned, currency)
