"""Which methods ship where: zone matching, owners, currency, query counts."""

from decimal import Decimal

import pytest

from emporium.core.money import InvalidCurrency, Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.errors import InvalidShippingRequest
from emporium.shipping.rates import RateBracket
from emporium.shipping.selectors import list_methods_for
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingRateBracketFactory,
    ShippingZoneFactory,
)
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _names(methods):
    return [method.name for method in methods]


@pytest.fixture
def marketplace():
    """Marketplace zones: Germany, two EU countries, and the rest of the world."""
    germany = ShippingZoneFactory(name="Germany", countries=["DE"])
    eu = ShippingZoneFactory(name="EU", countries=["FR", "AT"])
    world = ShippingZoneFactory(name="World", countries=[], is_rest_of_world=True)
    ShippingMethodFactory(zone=germany, name="DE standard")
    ShippingMethodFactory(zone=eu, name="EU standard")
    ShippingMethodFactory(zone=world, name="World standard")
    return germany, eu, world


@pytest.mark.parametrize(
    ("country", "expected"),
    [("DE", "DE standard"), ("fr", "EU standard"), ("AT", "EU standard")],
)
def test_methods_of_the_zone_listing_the_country(marketplace, country, expected):
    assert _names(list_methods_for(country, "EUR")) == [expected]


def test_a_country_no_zone_lists_falls_to_rest_of_world(marketplace):
    assert _names(list_methods_for("JP", "EUR")) == ["World standard"]


def test_no_rest_of_world_zone_means_nothing_ships_there():
    ShippingMethodFactory(zone__countries=["DE"])

    assert list_methods_for("US", "EUR") == []


def test_inactive_methods_and_other_currencies_are_left_out(marketplace):
    germany = marketplace[0]
    ShippingMethodFactory(zone=germany, name="Paused", is_active=False)
    ShippingMethodFactory(zone=germany, name="Dollars", currency="USD")

    assert _names(list_methods_for("DE", "EUR")) == ["DE standard"]
    assert _names(list_methods_for("DE", "USD")) == ["Dollars"]


def test_methods_sort_by_position_then_creation():
    zone = ShippingZoneFactory(countries=["DE"])
    ShippingMethodFactory(zone=zone, name="B", position=2)
    ShippingMethodFactory(zone=zone, name="C", position=1)
    ShippingMethodFactory(zone=zone, name="D", position=2)

    assert _names(list_methods_for("DE", "EUR")) == ["C", "B", "D"]


def test_a_shop_with_zones_ships_by_its_own_zones_only(marketplace):
    shop = ShopFactory()
    own = ShippingZoneFactory(shop=shop, name="Shop DE", countries=["DE"])
    ShippingMethodFactory(zone=own, name="Shop courier")

    assert _names(list_methods_for("DE", "EUR", shop_id=shop.pk)) == ["Shop courier"]
    # The shop does not ship to France; the marketplace's rates are not used.
    assert list_methods_for("FR", "EUR", shop_id=shop.pk) == []
    # Without a shop, the marketplace's zones still answer.
    assert _names(list_methods_for("DE", "EUR")) == ["DE standard"]


def test_a_shop_without_zones_uses_the_marketplace_zones(marketplace):
    shop = ShopFactory()

    assert _names(list_methods_for("FR", "EUR", shop_id=shop.pk)) == ["EU standard"]


def test_another_shops_zones_never_apply(marketplace):
    other = ShopFactory()
    ShippingMethodFactory(zone__shop=other, zone__countries=["DE"], name="Other")

    assert _names(list_methods_for("DE", "EUR", shop_id=ShopFactory().pk)) == [
        "DE standard"
    ]


def test_loaded_method_carries_brackets_in_order_and_owner():
    shop = ShopFactory()
    method = ShippingMethodFactory(
        zone__shop=shop,
        kind=MethodKind.WEIGHT,
        price_amount=None,
        free_above_amount=Decimal("80.000"),
        min_delivery_days=1,
        max_delivery_days=2,
    )
    ShippingRateBracketFactory(
        method=method, lower_bound=1000, upper_bound=None, price_amount="8.5"
    )
    ShippingRateBracketFactory(
        method=method, lower_bound=0, upper_bound=1000, price_amount="5"
    )

    [loaded] = list_methods_for("DE", "EUR", shop_id=shop.pk)

    assert loaded.shop_id == shop.pk
    assert loaded.zone_id == method.zone_id
    assert loaded.free_above == Money("80", "EUR")
    assert (loaded.min_days, loaded.max_days) == (1, 2)
    assert loaded.brackets == (
        RateBracket(Decimal(0), Decimal(1000), Money("5", "EUR")),
        RateBracket(Decimal(1000), None, Money("8.5", "EUR")),
    )


def _zone_with_bracketed_methods(count):
    zone = ShippingZoneFactory(countries=["DE"])
    for _ in range(count):
        method = ShippingMethodFactory(
            zone=zone, kind=MethodKind.WEIGHT, price_amount=None
        )
        ShippingRateBracketFactory(method=method, lower_bound=0, upper_bound=500)
        ShippingRateBracketFactory(method=method, lower_bound=500)


@pytest.mark.parametrize("count", [1, 10])
def test_selector_runs_three_queries_whatever_the_number_of_methods(
    django_assert_num_queries, count
):
    _zone_with_bracketed_methods(count)

    with django_assert_num_queries(3):
        methods = list_methods_for("DE", "EUR")

    assert len(methods) == count
    assert all(len(method.brackets) == 2 for method in methods)


def test_selector_stops_after_one_query_when_no_zone_ships_there(
    django_assert_num_queries,
):
    _zone_with_bracketed_methods(2)

    with django_assert_num_queries(1):
        assert list_methods_for("US", "EUR") == []


def test_selector_refuses_unknown_country_and_currency():
    with pytest.raises(InvalidShippingRequest) as country:
        list_methods_for("ZZ", "EUR")
    with pytest.raises(InvalidCurrency) as currency:
        list_methods_for("DE", "EURO")

    assert country.value.code == "invalid_shipping_request"
    assert currency.value.code == "invalid_currency"
