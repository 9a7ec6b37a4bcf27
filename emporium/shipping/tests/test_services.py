"""Writing zones and methods: the cross-row rules, and the database's own."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from emporium.core.money import Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.errors import InvalidShippingRate
from emporium.shipping.models import ShippingZone
from emporium.shipping.services import (
    BracketInput,
    MethodInput,
    check_brackets,
    create_shipping_method,
    create_shipping_zone,
)
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingRateBracketFactory,
    ShippingZoneFactory,
)
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _b(lower, upper, price="1.00"):
    return BracketInput(
        Decimal(lower), None if upper is None else Decimal(upper), Decimal(price)
    )


# --- zones -------------------------------------------------------------------


def test_create_zone_stores_sorted_upper_case_countries():
    zone = create_shipping_zone(name="EU", countries=["fr", "AT", "fr"])

    assert zone.country_codes == ["AT", "FR"]
    assert zone.shop is None


def test_a_country_belongs_to_one_zone_per_owner():
    create_shipping_zone(name="EU", countries=["FR", "AT"])

    with pytest.raises(InvalidShippingRate) as caught:
        create_shipping_zone(name="France", countries=["FR"])

    assert caught.value.code == "invalid_shipping_rate"
    assert caught.value.fields == {"countries": ["Already in another zone: FR (EU)."]}


def test_another_owner_may_list_the_same_country():
    create_shipping_zone(name="EU", countries=["FR"])

    zone = create_shipping_zone(name="Shop FR", countries=["FR"], shop=ShopFactory())

    assert zone.country_codes == ["FR"]


@pytest.mark.parametrize(
    ("countries", "is_rest_of_world"), [([], False), (["DE"], True)]
)
def test_a_zone_lists_countries_or_is_rest_of_world(countries, is_rest_of_world):
    with pytest.raises(InvalidShippingRate) as caught:
        create_shipping_zone(
            name="Odd", countries=countries, is_rest_of_world=is_rest_of_world
        )

    assert "countries" in caught.value.fields


def test_an_unknown_country_code_is_refused():
    with pytest.raises(InvalidShippingRate) as caught:
        create_shipping_zone(name="Nowhere", countries=["DE", "XX"])

    assert caught.value.fields == {"countries": ["Not a country: XX."]}


@pytest.mark.parametrize("with_shop", [False, True])
def test_an_owner_has_one_rest_of_world_zone(with_shop):
    shop = ShopFactory() if with_shop else None
    create_shipping_zone(name="World", is_rest_of_world=True, shop=shop)

    with pytest.raises(InvalidShippingRate) as caught:
        create_shipping_zone(name="World 2", is_rest_of_world=True, shop=shop)

    assert "is_rest_of_world" in caught.value.fields


@pytest.mark.parametrize("with_shop", [False, True])
def test_database_refuses_a_second_rest_of_world_zone(with_shop):
    shop = ShopFactory() if with_shop else None
    ShippingZoneFactory(countries=[], is_rest_of_world=True, shop=shop)

    with pytest.raises(IntegrityError):
        ShippingZone.objects.create(name="W", is_rest_of_world=True, shop=shop)


def test_database_refuses_a_zone_with_neither_countries_nor_rest_of_world():
    with pytest.raises(IntegrityError):
        ShippingZone.objects.create(name="Empty", countries=[])


# --- methods -----------------------------------------------------------------


def test_create_method_writes_the_method_and_its_brackets():
    zone = ShippingZoneFactory()

    method = create_shipping_method(
        zone=zone,
        data=MethodInput(
            name="Express",
            kind=MethodKind.WEIGHT,
            currency="EUR",
            free_above=Money("100", "EUR"),
            brackets=[_b(2000, None, "14.90"), _b(0, 2000, "9.90")],
            min_days=1,
            max_days=2,
        ),
    )

    assert method.price is None
    assert method.free_above == Money("100", "EUR")
    assert [
        (b.lower_bound, b.upper_bound, b.price_amount) for b in method.brackets.all()
    ] == [
        (Decimal(0), Decimal(2000), Decimal("9.90")),
        (Decimal(2000), None, Decimal("14.90")),
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"price": None}, "price_amount"),
        ({"price": Money("-1", "EUR")}, "price_amount"),
        ({"price": Money("4.999", "EUR")}, "price_amount"),
        ({"free_above": Money("-1", "EUR")}, "free_above_amount"),
        ({"free_above": Money("50", "USD")}, "free_above_amount"),
        ({"price": Money("5", "USD")}, "price_amount"),
        ({"currency": "JPY", "price": Money("500.5", "JPY")}, "price_amount"),
        ({"kind": MethodKind.WEIGHT}, "price_amount"),
        ({"kind": "carrier"}, "kind"),
        ({"currency": "XYZ", "price": None}, "currency"),
        ({"min_days": 3, "max_days": 2}, "min_delivery_days"),
        ({"brackets": [_b(0, None)]}, "brackets"),
    ],
)
def test_create_method_refuses_invalid_amounts(overrides, field):
    values = {"name": "Std", "kind": MethodKind.FLAT, "currency": "EUR"}
    values["price"] = Money("4.90", "EUR")

    with pytest.raises(InvalidShippingRate) as caught:
        create_shipping_method(
            zone=ShippingZoneFactory(), data=MethodInput(**{**values, **overrides})
        )

    assert field in caught.value.fields


def test_jpy_amounts_in_whole_yen_are_accepted():
    method = create_shipping_method(
        zone=ShippingZoneFactory(),
        data=MethodInput(
            name="Std",
            kind=MethodKind.FLAT,
            currency="JPY",
            price=Money("800", "JPY"),
            free_above=Money("5000", "JPY"),
        ),
    )

    assert method.price == Money("800", "JPY")


@pytest.mark.parametrize(
    "values",
    [
        {"price_amount": Decimal("-1")},
        {"free_above_amount": Decimal("-0.01")},
        {"price_amount": None},  # flat without price
        {"kind": MethodKind.WEIGHT},  # bracket kind with a price
        {"min_delivery_days": 3, "max_delivery_days": 1},
    ],
)
def test_database_refuses_an_invalid_method(values):
    with pytest.raises(IntegrityError):
        ShippingMethodFactory(**values)


@pytest.mark.parametrize(
    "values",
    [
        {"lower_bound": Decimal("-1")},
        {"price_amount": Decimal("-1")},
        {"lower_bound": 500, "upper_bound": 500},
    ],
)
def test_database_refuses_an_invalid_bracket(values):
    with pytest.raises(IntegrityError):
        ShippingRateBracketFactory(**values)


# --- brackets (pure) ---------------------------------------------------------


@pytest.mark.parametrize(
    "brackets",
    [
        [],
        [_b(0, None)],
        [_b(0, 1000), _b(1000, 2000), _b(2000, None)],  # touching is fine
        [_b(2000, 3000), _b(0, 1000)],  # a gap and any order are fine
    ],
)
def test_valid_bracket_sets(brackets):
    check_brackets(kind=MethodKind.WEIGHT, currency="EUR", brackets=brackets)


@pytest.mark.parametrize(
    ("kind", "brackets", "message"),
    [
        (
            MethodKind.WEIGHT,
            [_b(0, 1000), _b(999, 2000)],
            "Brackets [0, 1000) and [999, 2000) overlap.",
        ),
        (
            MethodKind.WEIGHT,
            [_b(0, None), _b(5000, None)],
            "Brackets [0, open) and [5000, open) overlap.",
        ),
        (
            MethodKind.WEIGHT,
            [_b(1000, 1000)],
            "Bracket [1000, 1000): the upper bound must exceed the lower.",
        ),
        (
            MethodKind.WEIGHT,
            [_b("0.5", 10)],
            "Bracket [0.5, 10): weights are whole grams.",
        ),
        (
            MethodKind.WEIGHT,
            [_b(0, 10, "-1")],
            "Bracket [0, 10): bounds and price must be 0 or more.",
        ),
        (
            MethodKind.ORDER_VALUE,
            [_b("0.001", 10)],
            "Bracket [0.001, 10): bounds must be whole EUR minor units.",
        ),
    ],
)
def test_invalid_bracket_sets_name_the_problem(kind, brackets, message):
    with pytest.raises(InvalidShippingRate) as caught:
        check_brackets(kind=kind, currency="EUR", brackets=brackets)

    assert caught.value.fields == {"brackets": [message]}


def test_brackets_of_a_method_with_an_unknown_currency_are_refused():
    with pytest.raises(InvalidShippingRate) as caught:
        check_brackets(kind=MethodKind.WEIGHT, currency="XYZ", brackets=[_b(0, None)])

    assert caught.value.code == "invalid_shipping_rate"


def test_jpy_bracket_prices_must_be_whole_yen():
    with pytest.raises(InvalidShippingRate) as caught:
        check_brackets(
            kind=MethodKind.WEIGHT, currency="JPY", brackets=[_b(0, None, "99.5")]
        )

    assert caught.value.fields == {
        "brackets": ["Bracket [0, open): the price must be whole JPY minor units."]
    }
