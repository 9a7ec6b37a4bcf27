"""Available quantities and the best offer of a variant."""

from decimal import Decimal

import pytest

from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import OfferFactory, VariantFactory
from emporium.inventory.selectors import (
    available_quantity,
    find_best_offer_for_variant,
    list_offers_for_variant,
    with_available_quantity,
)
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def offer_of(variant, price: str, **kwargs):
    return OfferFactory(
        variant=variant, shop=ShopFactory(), price_amount=Decimal(price), **kwargs
    )


def test_available_quantity_sums_active_warehouses_minus_reserved():
    offer = OfferFactory()
    StockFactory(offer=offer, quantity_on_hand=10, quantity_reserved=3)
    StockFactory(offer=offer, quantity_on_hand=4)
    StockFactory(
        offer=offer,
        quantity_on_hand=100,
        warehouse=WarehouseFactory(shop=offer.shop, is_active=False),
    )

    assert available_quantity(offer) == 11


def test_with_available_quantity_annotates_in_one_query(django_assert_num_queries):
    stocked, empty = OfferFactory(), OfferFactory()
    StockFactory(offer=stocked, quantity_on_hand=3)

    with django_assert_num_queries(1):
        rows = {
            o.pk: (o.available_quantity, o.is_in_stock)
            for o in with_available_quantity(Offer.objects.all())
        }

    assert rows == {stocked.pk: (3, 1), empty.pk: (0, 0)}


def test_lower_price_wins_between_two_in_stock_offers():
    variant = VariantFactory()
    dear = offer_of(variant, "25.00")
    cheap = offer_of(variant, "19.00")
    StockFactory(offer=dear)
    StockFactory(offer=cheap)

    assert find_best_offer_for_variant(variant_id=variant.pk) == cheap


def test_out_of_stock_cheaper_offer_loses_to_in_stock_one():
    variant = VariantFactory()
    cheap = offer_of(variant, "9.00")
    dear = offer_of(variant, "12.00")
    StockFactory(offer=cheap, quantity_on_hand=2, quantity_reserved=2)
    StockFactory(offer=dear, quantity_on_hand=1)

    assert find_best_offer_for_variant(variant_id=variant.pk) == dear
    assert list(list_offers_for_variant(variant_id=variant.pk)) == [dear, cheap]


def test_without_stock_anywhere_the_cheapest_visible_offer_is_best():
    variant = VariantFactory()
    offer_of(variant, "12.00")
    cheap = offer_of(variant, "9.00")

    assert find_best_offer_for_variant(variant_id=variant.pk) == cheap


def test_equal_prices_go_to_the_earliest_offer():
    variant = VariantFactory()
    first = offer_of(variant, "10.00")
    offer_of(variant, "10.00")

    assert find_best_offer_for_variant(variant_id=variant.pk) == first


def test_invisible_offers_never_win():
    variant = VariantFactory()
    OfferFactory(
        variant=variant,
        shop=ShopFactory(status=ShopStatus.SUSPENDED),
        price_amount=Decimal("1.00"),
    )
    offer_of(variant, "5.00", is_active=False)
    visible = offer_of(variant, "30.00")

    assert find_best_offer_for_variant(variant_id=variant.pk) == visible


def test_offers_in_another_currency_are_not_compared():
    variant = VariantFactory()
    offer_of(variant, "1.00", currency="USD")
    euro = offer_of(variant, "50.00")

    assert find_best_offer_for_variant(variant_id=variant.pk) == euro
    assert find_best_offer_for_variant(variant_id=variant.pk, currency="JPY") is None
