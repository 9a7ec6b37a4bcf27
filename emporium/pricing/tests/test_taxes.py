"""Tax arithmetic against hand-computed figures, and where rates come from.

Each row was worked out by hand: inclusive tax = gross x rate / (100 + rate),
exclusive tax = net x rate / 100, the tax rounded half up to the currency's
minor unit, the other figure by subtraction or addition.
"""

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.test import override_settings

from emporium.catalog.constants import TaxClass
from emporium.core.money import Money
from emporium.pricing.errors import TaxRateNotConfigured
from emporium.pricing.taxes import (
    TableTaxCalculator,
    TaxedAmount,
    get_tax_calculator,
    line_tax,
    shipping_tax_rate,
    tax_amount,
)
from emporium.pricing.tests.factories import TaxRateFactory


def taxed(net: str, tax: str, gross: str, currency: str = "EUR") -> TaxedAmount:
    return TaxedAmount(
        Money(net, currency), Money(tax, currency), Money(gross, currency)
    )


@pytest.mark.parametrize(
    ("gross", "currency", "rate", "net", "tax"),
    [
        ("39.98", "EUR", "19", "33.60", "6.38"),  # 6.38336
        ("9.99", "EUR", "7", "9.34", "0.65"),  # 0.65355
        ("0.05", "EUR", "19", "0.04", "0.01"),  # 0.00798
        ("0.03", "EUR", "20", "0.02", "0.01"),  # exactly 0.005: half up
        ("10.00", "EUR", "0", "10.00", "0.00"),
        ("5940", "JPY", "10", "5400", "540"),
        ("1000", "JPY", "8", "926", "74"),  # 74.07
        ("1.050", "KWD", "5", "1.000", "0.050"),
        ("1.000", "BHD", "10", "0.909", "0.091"),  # 0.0909
    ],
)
def test_tax_included_in_a_gross_amount(gross, currency, rate, net, tax):
    result = tax_amount(Money(gross, currency), Decimal(rate), prices_include_tax=True)

    assert result == taxed(net, tax, gross, currency)


@pytest.mark.parametrize(
    ("net", "currency", "rate", "tax", "gross"),
    [
        ("39.98", "EUR", "19", "7.60", "47.58"),  # 7.5962
        ("0.05", "EUR", "19", "0.01", "0.06"),  # 0.0095
        ("0.25", "EUR", "10", "0.03", "0.28"),  # exactly 0.025: half up
        ("19.99", "EUR", "0", "0.00", "19.99"),
        ("125", "JPY", "10", "13", "138"),  # exactly 12.5: half up
        ("1234", "JPY", "8", "99", "1333"),  # 98.72
        ("2.510", "KWD", "5", "0.126", "2.636"),  # exactly 0.1255: half up
        ("0.100", "BHD", "10", "0.010", "0.110"),
    ],
)
def test_tax_added_to_a_net_amount(net, currency, rate, tax, gross):
    result = tax_amount(Money(net, currency), Decimal(rate), prices_include_tax=False)

    assert result == taxed(net, tax, gross, currency)


@pytest.mark.parametrize(
    ("unit", "quantity", "currency", "inclusive", "expected"),
    [
        # The line is rounded, not the unit: 0.999 -> 1.00, not 3 x 0.33.
        ("0.333", 3, "EUR", False, ("1.00", "0.19", "1.19")),
        ("0.333", 3, "EUR", True, ("0.84", "0.16", "1.00")),  # 0.1597
        ("19.99", 2, "EUR", True, ("33.60", "6.38", "39.98")),
        ("0.333", 3, "KWD", False, ("0.999", "0.190", "1.189")),  # 0.18981
        ("333", 3, "JPY", True, ("839", "160", "999")),  # 159.504
    ],
)
def test_line_tax_at_19_percent_rounds_the_line_not_the_unit(
    unit, quantity, currency, inclusive, expected
):
    result = line_tax(
        Money(unit, currency), quantity, Decimal("19"), prices_include_tax=inclusive
    )

    assert result == taxed(*expected, currency)


@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("rate", ["0", "5", "7", "8.875", "19", "20", "21"])
def test_net_plus_tax_is_gross_to_the_cent(rate, inclusive):
    for cents in range(0, 1001):
        amount = Money.from_minor(cents, "EUR")

        result = tax_amount(amount, Decimal(rate), prices_include_tax=inclusive)

        assert result.net + result.tax == result.gross
        assert result.tax.quantize() == result.tax


def test_a_negative_rate_is_refused():
    with pytest.raises(ValueError, match="negative"):
        tax_amount(Money("1.00", "EUR"), Decimal("-1"), prices_include_tax=True)


US_RATES = {
    ("US", "", TaxClass.STANDARD): Decimal("0"),
    ("US", "CA", TaxClass.STANDARD): Decimal("7.25"),
    ("DE", "", TaxClass.STANDARD): Decimal("19"),
    ("DE", "", TaxClass.REDUCED): Decimal("7"),
}


@pytest.mark.parametrize(
    ("country", "region", "tax_class", "rate"),
    [
        ("DE", "", TaxClass.STANDARD, "19"),
        ("DE", "", TaxClass.REDUCED, "7"),
        ("de", "Bayern", TaxClass.REDUCED, "7"),  # no region row: the country's
        ("US", "CA", TaxClass.STANDARD, "7.25"),  # the region's row wins
        ("US", " ca ", TaxClass.STANDARD, "7.25"),  # regions match case-blind
        ("US", "OR", TaxClass.STANDARD, "0"),
        ("DE", "", TaxClass.ZERO, "0"),  # the zero class needs no row
    ],
)
def test_table_calculator_picks_the_region_then_the_country(
    country, region, tax_class, rate
):
    calculator = TableTaxCalculator(US_RATES)

    assert calculator.rate_for(country, region, tax_class) == Decimal(rate)


def test_table_calculator_refuses_a_destination_without_a_rate():
    calculator = TableTaxCalculator(US_RATES)

    with pytest.raises(TaxRateNotConfigured) as refused:
        calculator.rate_for("FR", "", TaxClass.STANDARD)

    assert refused.value.code == "tax_rate_not_configured"
    assert refused.value.extra["country"] == "FR"


@pytest.mark.django_db
def test_table_calculator_loads_rates_once_then_never_queries(
    django_assert_num_queries,
):
    TaxRateFactory(country="DE", rate=Decimal("19"))
    TaxRateFactory(country="DE", tax_class=TaxClass.REDUCED, rate=Decimal("7"))
    TaxRateFactory(country="AT", rate=Decimal("20"))

    with django_assert_num_queries(1):
        calculator = get_tax_calculator(countries=["DE"])
    with django_assert_num_queries(0):
        standard = calculator.rate_for("DE", "", TaxClass.STANDARD)
        reduced = calculator.rate_for("DE", "", TaxClass.REDUCED)

    assert (standard, reduced) == (Decimal("19"), Decimal("7"))
    with pytest.raises(TaxRateNotConfigured):
        calculator.rate_for("AT", "", TaxClass.STANDARD)  # not loaded


class FlatTenPercent:
    """A stand-in for another calculator (a tax service, say)."""

    @classmethod
    def for_countries(cls, countries):
        return cls()

    def rate_for(self, country, region, tax_class):
        return Decimal("10")


@override_settings(
    PRICING_TAX_CALCULATOR="emporium.pricing.tests.test_taxes.FlatTenPercent"
)
def test_the_setting_chooses_the_calculator():
    calculator = get_tax_calculator(countries=["JP"])

    assert isinstance(calculator, FlatTenPercent)
    assert shipping_tax_rate(calculator, "JP", "") == Decimal("10")


def test_shipping_is_taxed_at_the_destinations_standard_rate():
    calculator = TableTaxCalculator(US_RATES)

    assert shipping_tax_rate(calculator, "DE", "") == Decimal("19")
    assert shipping_tax_rate(calculator, "US", "CA") == Decimal("7.25")


@pytest.mark.django_db
def test_one_rate_per_country_region_and_class():
    TaxRateFactory(country="DE", region="", tax_class=TaxClass.STANDARD)

    with pytest.raises(IntegrityError):
        TaxRateFactory(country="DE", region="", tax_class=TaxClass.STANDARD)


@pytest.mark.django_db
def test_a_rate_above_100_percent_is_refused():
    with pytest.raises(IntegrityError):
        TaxRateFactory(rate=Decimal("101"))
