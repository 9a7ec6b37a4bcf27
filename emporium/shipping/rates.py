"""Pure shipping quotes: what a method costs for one request. No queries.

The selectors load methods once into `LoadedMethod`s; `quote_methods`
prices them for a `ShippingRequest` and leaves out the ones that do not
apply. The rules, in order:

1. A method priced in another currency than the subtotal does not apply.
2. A flat method costs its price. A weight or order-value method costs the
   price of the bracket holding the weight (grams) or the subtotal
   (`lower <= value < upper`, an empty upper bound has no end); a value in
   no bracket (past the last closed one, or in a gap) means the method
   does not apply.
3. A method that applies is free when the subtotal reaches its
   `free_above` (at the threshold: free; one minor unit below: not).

The subtotal is what the caller passes; checkout passes the goods the buyer
pays for after line and voucher discounts, before shipping (see
docs/shipping.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django_countries import countries

from emporium.core.money import Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.errors import InvalidShippingRequest


def normalise_country(country: str) -> str:
    """`country` as an upper-case ISO 3166-1 alpha-2 code.

    Raises:
        InvalidShippingRequest: not a country django-countries knows.
    """
    code = str(country or "").strip().upper()
    if code not in countries:
        raise InvalidShippingRequest(
            f"{country!r} is not a country code.",
            fields={"country": ["Unknown country."]},
        )
    return code


@dataclass(frozen=True, slots=True, kw_only=True)
class ShippingRequest:
    """What is shipped where: the cart's weight and subtotal, the address.

    `country` is an ISO 3166-1 alpha-2 code (upper-cased here); `region`
    is carried for carriers and future zone rules (the table rates ignore
    it). `shop_id` asks for that shop's rates (None: the marketplace's).

    Raises:
        InvalidShippingRequest: unknown country, negative weight or subtotal.
    """

    country: str
    region: str = ""
    weight_grams: int
    subtotal: Money
    shop_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "country", normalise_country(self.country))
        if isinstance(self.weight_grams, bool) or not isinstance(
            self.weight_grams, int
        ):
            raise TypeError("weight_grams must be an int")
        if self.weight_grams < 0:
            raise InvalidShippingRequest(
                "A weight cannot be negative.",
                fields={"weight_grams": ["Must be 0 or more."]},
            )
        if self.subtotal.amount < 0:
            raise InvalidShippingRequest(
                "A subtotal cannot be negative.",
                fields={"subtotal": ["Must be 0 or more."]},
            )


@dataclass(frozen=True, slots=True)
class RateBracket:
    """A price for values from `lower` (inclusive) to `upper` (exclusive)."""

    lower: Decimal
    upper: Decimal | None
    price: Money

    def holds(self, value: Decimal) -> bool:
        return self.lower <= value and (self.upper is None or value < self.upper)


@dataclass(frozen=True, slots=True)
class LoadedMethod:
    """A shipping method with everything its quote needs, loaded once."""

    id: int
    name: str
    kind: str
    currency: str
    price: Money | None = None
    free_above: Money | None = None
    brackets: tuple[RateBracket, ...] = ()
    min_days: int | None = None
    max_days: int | None = None
    description: str = ""
    zone_id: int | None = None
    shop_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    """What the buyer sees for one method: its price and delivery window.

    `is_free` is true whenever the price is zero, whether a threshold was
    reached or the rate itself costs nothing.
    """

    method_id: int
    name: str
    price: Money
    is_free: bool
    min_days: int | None = None
    max_days: int | None = None
    description: str = ""


def _base_price(method: LoadedMethod, request: ShippingRequest) -> Money | None:
    if method.kind == MethodKind.FLAT:
        return method.price
    if method.kind == MethodKind.WEIGHT:
        value = Decimal(request.weight_grams)
    elif method.kind == MethodKind.ORDER_VALUE:
        value = request.subtotal.amount
    else:  # a kind this code does not know (a newer provider's): not ours
        return None
    for bracket in method.brackets:
        if bracket.holds(value):
            return bracket.price
    return None


def quote_method(
    method: LoadedMethod, request: ShippingRequest
) -> ShippingQuote | None:
    """The quote of one method for `request`, or None when it does not apply."""
    if method.currency != request.subtotal.currency:
        return None
    base = _base_price(method, request)
    if base is None:
        return None
    if method.free_above is not None and request.subtotal >= method.free_above:
        price = Money.zero(method.currency).quantize()
    else:
        price = base.quantize()
    return ShippingQuote(
        method_id=method.id,
        name=method.name,
        price=price,
        is_free=price.is_zero(),
        min_days=method.min_days,
        max_days=method.max_days,
        description=method.description,
    )


def quote_methods(
    methods: Sequence[LoadedMethod], request: ShippingRequest
) -> list[ShippingQuote]:
    """Quote each method that applies to `request`, keeping their order."""
    quotes = (quote_method(method, request) for method in methods)
    return [quote for quote in quotes if quote is not None]
