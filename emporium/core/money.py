"""Exact money: `Money` (Decimal + ISO 4217 currency) and its few rules.

Everything that adds, rounds, splits or prints an amount goes through this
module, so the rounding mode and the minor units live in one place:

- floats never enter (`TypeError`); amounts are `Decimal`, `int` or a string;
- two currencies never mix (`CurrencyMismatch`);
- `quantize()` rounds to the currency's minor unit (JPY 0, EUR 2, KWD 3,
  from Babel's CLDR data) with `ROUNDING`, the one rounding mode;
- `allocate()` splits an amount so the parts add up to it exactly;
- `format_money()` prints it for a locale (Babel).

Storing money in a model: a pair of fields, the amount with 3 decimal places
(enough for every ISO currency) and the currency code, read back as `Money`
through a property::

    price_amount = amount_field()
    currency = currency_field()
    price = money_property("price_amount")

Services quantize amounts to the currency's minor unit before they store
them; the extra decimal place only exists so 3-decimal currencies fit.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from babel.numbers import format_currency, get_currency_precision, is_currency
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from emporium.core.errors import DomainError, InvalidInput

# The one rounding mode of the platform (commercial rounding: 0.5 goes up,
# away from zero). Never pass another one anywhere.
ROUNDING = ROUND_HALF_UP

AMOUNT_MAX_DIGITS = 12
AMOUNT_DECIMAL_PLACES = 3


class CurrencyMismatch(DomainError):
    """Two amounts in different currencies met in one operation."""

    default_code = "currency_mismatch"


class InvalidCurrency(InvalidInput):
    default_code = "invalid_currency"


def default_currency() -> str:
    """The installation's currency (`DEFAULT_CURRENCY` setting, else EUR)."""
    return settings.DEFAULT_CURRENCY


@functools.lru_cache(maxsize=512)
def minor_unit(currency: str) -> int:
    """Decimal places of the currency's minor unit (JPY 0, EUR 2, KWD 3)."""
    return get_currency_precision(currency)


def check_currency(code: str) -> str:
    """Return `code` if it is an ISO 4217 code (upper case); raise otherwise.

    Raises:
        InvalidCurrency: not a known three-letter currency code.
    """
    if not isinstance(code, str) or len(code) != 3 or not is_currency(code):
        raise InvalidCurrency(f"{code!r} is not an ISO 4217 currency code.")
    return code


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError(f"Money needs a Decimal, int or str, not {type(value)}.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value)
        except InvalidOperation as exc:
            raise InvalidInput(
                f"{value!r} is not an amount.", code="invalid_amount"
            ) from exc
    else:
        raise TypeError(f"Money needs a Decimal, int or str, not {type(value)}.")
    if not result.is_finite():
        raise InvalidInput(f"{value!r} is not an amount.", code="invalid_amount")
    return result


def _factor(value: Any) -> Decimal:
    if isinstance(value, float | bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"Money can be multiplied by int or Decimal, not {value!r}.")
    return Decimal(value)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Immutable; arithmetic returns new ones.

    Results are not rounded: call `quantize()` where a price becomes final
    (round each line, then add; never re-round a sum).
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", _to_decimal(self.amount))
        check_currency(self.currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        """Build from an integer count of minor units (cents, fils, yen)."""
        if isinstance(units, bool) or not isinstance(units, int):
            raise TypeError("minor units must be an int")
        return cls(Decimal(units).scaleb(-minor_unit(currency)), currency)

    def to_minor(self) -> int:
        """The amount in minor units, rounded first (what payment APIs want)."""
        return int(self.quantize().amount.scaleb(minor_unit(self.currency)))

    def quantize(self) -> Money:
        """Round to the currency's minor unit with the platform's rounding."""
        exponent = Decimal(1).scaleb(-minor_unit(self.currency))
        return Money(self.amount.quantize(exponent, rounding=ROUNDING), self.currency)

    def is_zero(self) -> bool:
        return self.amount == 0

    def _same_currency(self, other: Any) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"Cannot combine {self.currency} with {other.currency}.",
                extra={"currencies": [self.currency, other.currency]},
            )
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same_currency(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same_currency(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(self.amount * _factor(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same_currency(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same_currency(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same_currency(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same_currency(other).amount

    def __str__(self) -> str:
        return f"{self.quantize().amount} {self.currency}"


def allocate(total: Money, weights: Sequence[int | Decimal]) -> list[Money]:
    """Split `total` in proportion to `weights`; the parts add up to `total`.

    Largest-remainder method in minor units: each part gets its floor share,
    and the units left over go one by one to the parts with the largest
    remainders (the earliest part wins a tie). A negative total splits like
    its absolute value, with every part negated.

    Raises:
        ValueError: no weights, a negative weight, all weights zero, or a
            total that is not a whole number of minor units.
        TypeError: a float weight.
    """
    if not weights:
        raise ValueError("allocate needs at least one weight")
    ratios = [Fraction(_factor(weight)) for weight in weights]
    if any(ratio < 0 for ratio in ratios) or sum(ratios) == 0:
        raise ValueError("weights must be non-negative and not all zero")
    if total.quantize().amount != total.amount:
        raise ValueError(f"{total.amount} is not a whole number of minor units")
    units = total.to_minor()
    sign, units = (-1 if units < 0 else 1), abs(units)
    weight_sum = sum(ratios)
    exact = [units * ratio / weight_sum for ratio in ratios]
    parts = [int(share) for share in exact]  # floor: shares are non-negative
    by_remainder = sorted(
        range(len(exact)), key=lambda i: (exact[i] - parts[i], -i), reverse=True
    )
    for index in by_remainder[: units - sum(parts)]:
        parts[index] += 1
    return [Money.from_minor(sign * part, total.currency) for part in parts]


def format_money(money: Money, locale: str = "en") -> str:
    """The amount as a buyer in `locale` reads it, e.g. "€1,234.50"."""
    rounded = money.quantize()
    return format_currency(rounded.amount, rounded.currency, locale=locale)


# --- Model fields -----------------------------------------------------------


def validate_currency_code(value: str) -> None:
    try:
        check_currency(value)
    except InvalidCurrency as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


def amount_field(**kwargs: Any) -> models.DecimalField:
    """A money amount column: 12 digits, 3 of them decimal places."""
    return models.DecimalField(
        max_digits=AMOUNT_MAX_DIGITS, decimal_places=AMOUNT_DECIMAL_PLACES, **kwargs
    )


def currency_field(**kwargs: Any) -> models.CharField:
    """An ISO 4217 currency code column."""
    kwargs.setdefault("default", default_currency)
    return models.CharField(max_length=3, validators=[validate_currency_code], **kwargs)


def money_property(amount_attr: str, currency_attr: str = "currency") -> property:
    """A read-only `Money` view of an amount field and a currency field."""

    def read(instance: models.Model) -> Money | None:
        amount = getattr(instance, amount_attr)
        if amount is None:
            return None
        return Money(amount, getattr(instance, currency_attr))

    return property(read, doc=f"`{amount_attr}` with `{currency_attr}` as Money.")
