"""Tax: which rate applies (a `TaxCalculator`) and what it comes to (pure).

The only module that decides tax. Two halves:

- `TaxCalculator` answers "what rate?" for a destination and a tax class.
  The implementation is named by the `PRICING_TAX_CALCULATOR` setting;
  `get_tax_calculator()` builds one per checkout, loading what it needs
  once, so `rate_for()` never queries.
- `tax_amount()` / `line_tax()` answer "how much?": pure functions over
  `Money` with the one rounding policy: the tax of a line is rounded once,
  half up, to the currency's minor unit; net or gross follows by adding or
  subtracting, so net + tax == gross holds exactly on every line. Totals
  add rounded lines and never round a sum again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from emporium.catalog.constants import TaxClass
from emporium.core.money import Money
from emporium.pricing.constants import SHIPPING_TAX_CLASS
from emporium.pricing.errors import TaxRateNotConfigured

HUNDRED = Decimal(100)

RateKey = tuple[str, str, str]  # (country, region, tax class)


@dataclass(frozen=True, slots=True)
class TaxedAmount:
    """An amount split into net, tax and gross; net + tax == gross."""

    net: Money
    tax: Money
    gross: Money

    @classmethod
    def zero(cls, currency: str) -> TaxedAmount:
        zero = Money.zero(currency)
        return cls(zero, zero, zero)

    def __add__(self, other: TaxedAmount) -> TaxedAmount:
        return TaxedAmount(
            self.net + other.net, self.tax + other.tax, self.gross + other.gross
        )


def tax_amount(
    amount: Money, rate: Decimal, *, prices_include_tax: bool
) -> TaxedAmount:
    """Split `amount` at `rate` percent; `amount` is gross or net as entered.

    Inclusive: tax = amount x rate / (100 + rate), net = amount - tax.
    Exclusive: tax = amount x rate / 100, gross = amount + tax.
    The tax is rounded half up to the minor unit (the one rounding);
    `amount` is rounded first if it has more places than the currency.

    Raises:
        ValueError: a negative rate.
    """
    if rate < 0:
        raise ValueError(f"a tax rate cannot be negative: {rate}")
    base = amount.quantize()
    # Multiply before dividing: the one division is exact whenever the true
    # tax is, so an exact half (0.005) is seen as such and rounds up.
    divisor = HUNDRED + rate if prices_include_tax else HUNDRED
    tax = Money(base.amount * rate / divisor, base.currency).quantize()
    if prices_include_tax:
        return TaxedAmount(net=base - tax, tax=tax, gross=base)
    return TaxedAmount(net=base, tax=tax, gross=base + tax)


def line_tax(
    unit: Money, quantity: int, rate: Decimal, *, prices_include_tax: bool
) -> TaxedAmount:
    """Net, tax and gross of `quantity` x `unit` at `rate` percent.

    The line (unit x quantity) is rounded, not the unit: 3 x 0.333 EUR is
    1.00 EUR, not 0.99.
    """
    return tax_amount(unit * quantity, rate, prices_include_tax=prices_include_tax)


class TaxCalculator(Protocol):
    """Where rates come from. Swap it with `PRICING_TAX_CALCULATOR`."""

    @classmethod
    def for_countries(cls, countries: Collection[str]) -> TaxCalculator:
        """Load, once, what `rate_for` needs for these destinations."""
        ...

    def rate_for(self, country: str, region: str, tax_class: str) -> Decimal:
        """The rate in percent (19 for 19 %); no query here.

        Raises:
            TaxRateNotConfigured: no rate for this destination and class.
        """
        ...


class TableTaxCalculator:
    """Rates from the `TaxRate` table, loaded in one query per checkout.

    A region row wins over the country row (empty region); the zero class
    is 0 % everywhere unless a row says otherwise. Regions match
    case-insensitively.
    """

    def __init__(self, rates: Mapping[RateKey, Decimal]):
        self._rates = {
            (str(country).upper(), region.strip().casefold(), str(tax_class)): rate
            for (country, region, tax_class), rate in rates.items()
        }

    @classmethod
    def for_countries(cls, countries: Collection[str]) -> TableTaxCalculator:
        from emporium.pricing.models import TaxRate

        codes = sorted({str(country).upper() for country in countries})
        rows = TaxRate.objects.filter(country__in=codes).values_list(
            "country", "region", "tax_class", "rate"
        )
        return cls({(c, region, tc): rate for c, region, tc, rate in rows})

    def rate_for(self, country: str, region: str, tax_class: str) -> Decimal:
        country, tax_class = str(country).upper(), str(tax_class)
        region = (region or "").strip().casefold()
        for key in ((country, region, tax_class), (country, "", tax_class)):
            if key in self._rates:
                return self._rates[key]
        if tax_class == TaxClass.ZERO:
            return Decimal(0)
        raise TaxRateNotConfigured(
            f"No {tax_class} tax rate is set up for {country}.",
            extra={"country": country, "region": region, "tax_class": tax_class},
        )


def get_tax_calculator(*, countries: Collection[str]) -> TaxCalculator:
    """The configured calculator, loaded for these destination countries."""
    calculator_class = import_string(settings.PRICING_TAX_CALCULATOR)
    return calculator_class.for_countries(countries)


def shipping_tax_rate(calculator: TaxCalculator, country: str, region: str) -> Decimal:
    """The rate shipping to this destination is taxed at (its standard rate)."""
    return calculator.rate_for(country, region, SHIPPING_TAX_CLASS)
