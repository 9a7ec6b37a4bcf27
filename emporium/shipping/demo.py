"""Demo shipping rates of the marketplace: Germany, the EU, the rest of the world.

`create_demo_shipping()` is what the demo loader calls. Each zone offers
Standard (flat, free from a subtotal), Express (by weight) and Economy (by
order value), in EUR. It is idempotent: zones are found by name (the
rest-of-world zone by its flag) and methods by name within their zone, so
a second run creates nothing and leaves staff edits alone.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from emporium.core.money import Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.models import ShippingMethod, ShippingZone
from emporium.shipping.services import (
    BracketInput,
    MethodInput,
    create_shipping_method,
    create_shipping_zone,
)

CURRENCY = "EUR"
# fmt: off
EU_WITHOUT_DE = (
    "AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)
# fmt: on

# (lower, upper or None, price): grams for Express, EUR for Economy.
Brackets = tuple[tuple[int, int | None, str], ...]


@dataclass(frozen=True)
class ZonePlan:
    """One demo zone; `days` are (min, max) of Standard, Express, Economy."""

    name: str
    countries: tuple[str, ...]
    standard: str
    free_above: str
    express: Brackets
    economy: Brackets
    days: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


PLANS = (
    ZonePlan(
        name="Germany",
        countries=("DE",),
        standard="4.90",
        free_above="50.00",
        express=((0, 2000, "9.90"), (2000, 5000, "12.90"), (5000, 31500, "19.90")),
        economy=((0, 20, "3.90"), (20, 50, "2.90"), (50, None, "1.90")),
        days=((2, 3), (1, 1), (4, 6)),
    ),
    ZonePlan(
        name="European Union",
        countries=tuple(EU_WITHOUT_DE),
        standard="9.90",
        free_above="100.00",
        express=((0, 2000, "19.90"), (2000, 5000, "29.90"), (5000, 31500, "49.90")),
        economy=((0, 50, "7.90"), (50, 100, "5.90"), (100, None, "3.90")),
        days=((3, 6), (1, 3), (5, 10)),
    ),
    ZonePlan(
        name="Rest of world",
        countries=(),
        standard="19.90",
        free_above="150.00",
        express=((0, 2000, "39.90"), (2000, 5000, "59.90"), (5000, 20000, "89.90")),
        economy=((0, 100, "14.90"), (100, None, "9.90")),
        days=((7, 14), (3, 5), (10, 21)),
    ),
)


def _brackets(rows: Brackets) -> tuple[BracketInput, ...]:
    return tuple(
        BracketInput(
            Decimal(lower), None if upper is None else Decimal(upper), Decimal(price)
        )
        for lower, upper, price in rows
    )


def _methods(plan: ZonePlan) -> list[MethodInput]:
    (std_min, std_max), (exp_min, exp_max), (eco_min, eco_max) = plan.days
    common = {"currency": CURRENCY}
    return [
        MethodInput(
            name="Standard",
            description=f"Tracked parcel, free from {plan.free_above} {CURRENCY}.",
            kind=MethodKind.FLAT,
            price=Money(plan.standard, CURRENCY),
            free_above=Money(plan.free_above, CURRENCY),
            min_days=std_min,
            max_days=std_max,
            position=0,
            **common,
        ),
        MethodInput(
            name="Express",
            description="Priority parcel, priced by weight.",
            kind=MethodKind.WEIGHT,
            brackets=_brackets(plan.express),
            min_days=exp_min,
            max_days=exp_max,
            position=1,
            **common,
        ),
        MethodInput(
            name="Economy",
            description="Untracked, cheaper the more you order.",
            kind=MethodKind.ORDER_VALUE,
            brackets=_brackets(plan.economy),
            min_days=eco_min,
            max_days=eco_max,
            position=2,
            **common,
        ),
    ]


def _ensure_zone(plan: ZonePlan) -> tuple[ShippingZone, bool]:
    marketplace = ShippingZone.objects.filter(shop__isnull=True)
    if plan.countries:
        zone = marketplace.filter(name=plan.name, is_rest_of_world=False).first()
    else:
        zone = marketplace.filter(is_rest_of_world=True).first()
    if zone is not None:
        return zone, False
    zone = create_shipping_zone(
        name=plan.name,
        countries=plan.countries,
        is_rest_of_world=not plan.countries,
    )
    return zone, True


@transaction.atomic
def create_demo_shipping() -> dict[str, int]:
    """Create the demo zones and methods that are missing; count what was made.

    Raises:
        InvalidShippingRate: a marketplace zone under another name already
            holds one of the demo countries.
    """
    created = {"zones": 0, "methods": 0}
    for plan in PLANS:
        zone, is_new = _ensure_zone(plan)
        created["zones"] += is_new
        existing = set(
            ShippingMethod.objects.filter(zone=zone).values_list("name", flat=True)
        )
        for data in _methods(plan):
            if data.name not in existing:
                create_shipping_method(zone=zone, data=data)
                created["methods"] += 1
    return created
