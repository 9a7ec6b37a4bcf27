"""The pure money of checkout: shipping options over parcels, and totals."""

from decimal import Decimal

import pytest

from emporium.checkout.totals import combine_quotes, price_checkout
from emporium.checkout.types import ShippingOption
from emporium.core.money import Money
from emporium.pricing.constants import VoucherKind
from emporium.pricing.tests.factories import make_line
from emporium.pricing.vouchers import VoucherTerms
from emporium.shipping.rates import ShippingQuote


def quote(method_id: int, price: str, *, days=(2, 3), currency="EUR", name=""):
    amount = Money(price, currency)
    return ShippingQuote(
        method_id=method_id,
        name=name or f"Method {method_id}",
        price=amount,
        is_free=amount.is_zero(),
        min_days=days[0],
        max_days=days[1],
    )


def terms(kind: str = VoucherKind.PERCENTAGE, value: str = "10") -> VoucherTerms:
    return VoucherTerms(
        voucher_id=1,
        code="SAVE",
        kind=kind,
        value=Decimal(value),
        currency="EUR",
        min_subtotal=None,
        starts_at=None,
        ends_at=None,
        is_active=True,
        usage_limit=None,
        times_used=0,
        per_customer_limit=None,
    )


def test_a_method_ships_the_cart_when_it_ships_every_parcel_at_their_sum():
    north = [quote(1, "4.90", days=(2, 3)), quote(2, "9.90")]
    south = [quote(1, "0.00", days=(3, 5))]

    options = combine_quotes([north, south], "EUR")

    assert len(options) == 1
    standard = options[0]
    assert (standard.method_id, standard.price, standard.parcels) == (
        1,
        Money("4.90", "EUR"),
        2,
    )
    assert not standard.is_free
    assert (standard.min_days, standard.max_days) == (3, 5)


def test_no_parcel_no_option_and_all_free_parcels_ship_free():
    assert combine_quotes([], "EUR") == []
    options = combine_quotes([[quote(1, "0")], [quote(1, "0")]], "EUR")
    assert options[0].is_free
    assert options[0].price == Money("0.00", "EUR")


@pytest.mark.parametrize(
    ("currency", "unit", "shipping", "rate", "off", "tax", "total"),
    [
        # 2 x 12.00 - 10 % = 21.60, + 4.90 shipping; tax 21.60*19/119 = 3.4487
        # -> 3.45 and 4.90*19/119 = 0.7824 -> 0.78.
        ("EUR", "12.00", "4.90", "19", "2.40", "4.23", "26.50"),
        # JPY, no minor unit: 2 x 1000 - 200 = 1800 (+ 500); tax 1800*10/110
        # = 163.6 -> 164 and 500*10/110 = 45.5 -> 45 (half up: 45.45).
        ("JPY", "1000", "500", "10", "200", "209", "2300"),
        # KWD, three places: 2 x 1.250 - 0.250 = 2.250 (+ 0.500); VAT 5 %:
        # 2.250*5/105 = 0.10714 -> 0.107, 0.500*5/105 = 0.02381 -> 0.024.
        ("KWD", "1.250", "0.500", "5", "0.250", "0.131", "2.750"),
    ],
)
def test_totals_take_the_voucher_then_tax_each_line_and_the_shipping(
    currency, unit, shipping, rate, off, tax, total
):
    lines = [make_line(unit, 2, currency=currency, rate=rate)]
    option = ShippingOption(
        method_id=1, name="Standard", price=Money(shipping, currency), is_free=False
    )

    totals, discount = price_checkout(
        lines=lines,
        currency=currency,
        shipping=option,
        shipping_tax_rate=Decimal(rate),
        voucher=terms(),
    )

    assert discount.lines_amount == Money(off, currency)
    assert totals.tax == Money(tax, currency)
    assert totals.total == Money(total, currency)
    assert totals.total == totals.net + totals.tax


def test_a_free_shipping_voucher_takes_the_shipping_and_its_tax_off():
    lines = [make_line("30.00", 1)]
    option = ShippingOption(
        method_id=1, name="Standard", price=Money("9.80", "EUR"), is_free=False
    )

    totals, discount = price_checkout(
        lines=lines,
        currency="EUR",
        shipping=option,
        shipping_tax_rate=Decimal("19"),
        voucher=terms(VoucherKind.FREE_SHIPPING, "0"),
    )

    assert discount.shipping_amount == Money("9.80", "EUR")
    assert (totals.shipping, totals.discount) == (
        Money("9.80", "EUR"),
        Money("9.80", "EUR"),
    )
    assert totals.total == Money("30.00", "EUR")
    assert totals.tax == Money("4.79", "EUR")  # 30 * 19 / 119 = 4.7899


def test_without_shipping_or_voucher_the_totals_are_the_lines():
    totals, discount = price_checkout(
        lines=[make_line("10.00", 3)], currency="EUR", voucher=None
    )

    assert discount is None
    assert (totals.subtotal, totals.shipping, totals.total) == (
        Money("30.00", "EUR"),
        Money("0.00", "EUR"),
        Money("30.00", "EUR"),
    )
