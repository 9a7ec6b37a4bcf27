"""Writes of shipping zones and methods, and the rules that span rows.

The `check_*` functions are the rules the database cannot hold: a country
in one zone per owner, brackets without overlaps, amounts in whole minor
units of the method's currency, free-above in that currency. The create
services and the admin forms both call them, so a rule exists once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.db import transaction
from django.db.models import Q
from django_countries import countries as all_countries

from emporium.core.money import InvalidCurrency, Money, check_currency
from emporium.shipping.constants import BRACKET_KINDS, MethodKind
from emporium.shipping.errors import InvalidShippingRate
from emporium.shipping.models import ShippingMethod, ShippingRateBracket, ShippingZone
from emporium.vendors.models import Shop


@dataclass(frozen=True, slots=True)
class BracketInput:
    """One bracket to write: grams or an amount (by the method's kind)."""

    lower: Decimal
    upper: Decimal | None
    price_amount: Decimal


def _is_currency(code: str | None) -> bool:
    try:
        check_currency(code)
    except InvalidCurrency:
        return False
    return True


def _is_whole_minor_units(amount: Decimal, currency: str) -> bool:
    return Money(amount, currency).quantize().amount == amount


def _amount_errors(amount: Decimal | None, currency: str) -> list[str]:
    if amount is None:
        return []
    if amount < 0:
        return ["Must be 0 or more."]
    if not _is_whole_minor_units(amount, currency):
        return [f"{currency} amounts cannot have more decimal places than this."]
    return []


def check_method_amounts(
    *,
    kind: str,
    currency: str,
    price_amount: Decimal | None,
    free_above_amount: Decimal | None,
) -> None:
    """Check a method's own amounts against its kind and currency.

    Raises:
        InvalidShippingRate: an unknown currency or kind, a flat method
            without a price, a bracket method with one, a negative amount,
            or more decimals than the currency has (e.g. 0.5 JPY). `fields`
            names the model fields.
    """
    fields: dict[str, list[str]] = {}
    if not _is_currency(currency):
        fields["currency"] = [f"{currency!r} is not an ISO 4217 currency code."]
    elif kind not in MethodKind.values:
        fields["kind"] = [f"Not a method kind: {kind!r}."]
    elif kind == MethodKind.FLAT and price_amount is None:
        fields["price_amount"] = ["A flat rate needs a price."]
    elif kind in BRACKET_KINDS and price_amount is not None:
        fields["price_amount"] = ["Leave empty: this kind is priced by brackets."]
    else:
        fields["price_amount"] = _amount_errors(price_amount, currency)
    if "currency" not in fields:
        fields["free_above_amount"] = _amount_errors(free_above_amount, currency)
    fields = {name: errors for name, errors in fields.items() if errors}
    if fields:
        raise InvalidShippingRate("The method's amounts are invalid.", fields=fields)


def _bracket_errors(bracket: BracketInput, kind: str, currency: str) -> list[str]:
    errors = []
    bounds = [bracket.lower] + ([bracket.upper] if bracket.upper is not None else [])
    if bracket.lower < 0 or bracket.price_amount < 0:
        errors.append("bounds and price must be 0 or more")
    if bracket.upper is not None and bracket.upper <= bracket.lower:
        errors.append("the upper bound must exceed the lower")
    if kind == MethodKind.WEIGHT and any(b != b.to_integral_value() for b in bounds):
        errors.append("weights are whole grams")
    if kind == MethodKind.ORDER_VALUE and not all(
        _is_whole_minor_units(b, currency) for b in bounds
    ):
        errors.append(f"bounds must be whole {currency} minor units")
    if not _is_whole_minor_units(bracket.price_amount, currency):
        errors.append(f"the price must be whole {currency} minor units")
    return errors


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"  # 1000.000 -> "1000", never "1E+3"


def _describe(bracket: BracketInput) -> str:
    upper = "open" if bracket.upper is None else _plain(bracket.upper)
    return f"[{_plain(bracket.lower)}, {upper})"


def check_brackets(
    *, kind: str, currency: str, brackets: Iterable[BracketInput]
) -> None:
    """Check one method's complete set of brackets.

    Raises:
        InvalidShippingRate: an unknown currency, brackets on a flat method,
            a bad bracket
            (negative, upper not above lower, fractional grams, more
            decimals than the currency has), or two brackets that overlap.
            `fields["brackets"]` lists every problem.
    """
    ordered = sorted(brackets, key=lambda bracket: bracket.lower)
    if not _is_currency(currency):
        raise InvalidShippingRate(
            "The method's currency is not valid.",
            fields={"brackets": ["Set a valid currency on the method first."]},
        )
    if kind == MethodKind.FLAT and ordered:
        raise InvalidShippingRate(
            "A flat rate has no brackets.",
            fields={
                "brackets": [
                    "A flat rate has no brackets: remove them or change the kind."
                ]
            },
        )
    problems = [
        f"Bracket {_describe(bracket)}: {error}."
        for bracket in ordered
        for error in _bracket_errors(bracket, kind, currency)
    ]
    for before, after in pairwise(ordered):
        if before.upper is None or after.lower < before.upper:
            problems.append(
                f"Brackets {_describe(before)} and {_describe(after)} overlap."
            )
    if problems:
        raise InvalidShippingRate(
            "The brackets are invalid.", fields={"brackets": problems}
        )


def check_zone(
    *,
    countries: Sequence[str],
    is_rest_of_world: bool,
    shop_id: int | None,
    zone_id: int | None = None,
) -> None:
    """Check a zone against its owner's other zones (one or two queries).

    Raises:
        InvalidShippingRate: both or neither of countries and rest of world,
            an unknown country code, a country already in another zone of
            the owner, or a second rest-of-world zone.
    """
    if bool(countries) == is_rest_of_world:
        raise InvalidShippingRate(
            "List countries, or mark the zone as rest of world (not both).",
            fields={"countries": ["List countries or tick rest of world."]},
        )
    unknown = sorted(code for code in countries if code not in all_countries)
    if unknown:
        raise InvalidShippingRate(
            "Unknown country codes.",
            fields={"countries": [f"Not a country: {', '.join(unknown)}."]},
        )
    siblings = ShippingZone.objects.filter(
        Q(shop_id=shop_id) if shop_id is not None else Q(shop__isnull=True)
    ).exclude(pk=zone_id)
    if is_rest_of_world:
        if siblings.filter(is_rest_of_world=True).exists():
            raise InvalidShippingRate(
                "This owner already has a rest-of-world zone.",
                fields={"is_rest_of_world": ["Only one rest-of-world zone."]},
            )
        return
    taken = {
        code: zone.name
        for zone in siblings.only("name", "countries")
        for code in zone.country_codes
    }
    clashes = sorted(f"{code} ({taken[code]})" for code in set(countries) & set(taken))
    if clashes:
        raise InvalidShippingRate(
            "A country can belong to only one zone of a shop or the marketplace.",
            fields={"countries": [f"Already in another zone: {', '.join(clashes)}."]},
        )


def create_shipping_zone(
    *,
    name: str,
    countries: Sequence[str] = (),
    is_rest_of_world: bool = False,
    shop: Shop | None = None,
) -> ShippingZone:
    """Create a zone for a shop (None: for the marketplace).

    Raises:
        InvalidShippingRate: see `check_zone`.
    """
    codes = sorted({code.strip().upper() for code in countries})
    with transaction.atomic():
        check_zone(
            countries=codes,
            is_rest_of_world=is_rest_of_world,
            shop_id=shop.pk if shop else None,
        )
        return ShippingZone.objects.create(
            name=name, countries=codes, is_rest_of_world=is_rest_of_world, shop=shop
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MethodInput:
    """A method to create; `price` for flat rates, `brackets` for the others."""

    name: str
    kind: str
    currency: str
    price: Money | None = None
    free_above: Money | None = None
    brackets: Sequence[BracketInput] = ()
    description: str = ""
    min_days: int | None = None
    max_days: int | None = None
    position: int = 0
    is_active: bool = True


def _check_method(data: MethodInput) -> None:
    for field, money in [
        ("price_amount", data.price),
        ("free_above_amount", data.free_above),
    ]:
        if money is not None and money.currency != data.currency:
            raise InvalidShippingRate(
                f"Amounts must be in the method's currency, {data.currency}.",
                fields={field: [f"Must be in {data.currency}."]},
            )
    check_method_amounts(
        kind=data.kind,
        currency=data.currency,
        price_amount=data.price.amount if data.price else None,
        free_above_amount=data.free_above.amount if data.free_above else None,
    )
    check_brackets(kind=data.kind, currency=data.currency, brackets=data.brackets)
    if None not in (data.min_days, data.max_days) and data.min_days > data.max_days:
        raise InvalidShippingRate(
            "The minimum delivery days cannot exceed the maximum.",
            fields={"min_delivery_days": ["Must not exceed the maximum."]},
        )


def create_shipping_method(*, zone: ShippingZone, data: MethodInput) -> ShippingMethod:
    """Create a method of `zone` with its brackets, in one transaction.

    Raises:
        InvalidShippingRate: see `check_method_amounts` and `check_brackets`;
            also an amount in another currency or min days above max days.
    """
    _check_method(data)
    with transaction.atomic():
        method = ShippingMethod.objects.create(
            zone=zone,
            name=data.name,
            description=data.description,
            kind=data.kind,
            currency=data.currency,
            price_amount=data.price.amount if data.price else None,
            free_above_amount=data.free_above.amount if data.free_above else None,
            min_delivery_days=data.min_days,
            max_delivery_days=data.max_days,
            position=data.position,
            is_active=data.is_active,
        )
        ShippingRateBracket.objects.bulk_create(
            ShippingRateBracket(
                method=method,
                lower_bound=bracket.lower,
                upper_bound=bracket.upper,
                price_amount=bracket.price_amount,
            )
            for bracket in data.brackets
        )
    return method
