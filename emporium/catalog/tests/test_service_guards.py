"""The catalog services refuse what the staff API could send them: a taken
slug, a shop offering a product closed to it, a price the columns cannot
hold."""

from decimal import Decimal

import pytest

from emporium.catalog.errors import InvalidPrice, ProductClosedToShop, SlugTaken
from emporium.catalog.models import Offer, Product
from emporium.catalog.services import create_offer, create_product, update_offer
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_create_product_with_a_taken_slug_raises_slug_taken_and_creates_nothing():
    ProductFactory(slug="wool-socks")

    with pytest.raises(SlugTaken) as caught:
        create_product(
            shop=ShopFactory(),
            title="Socks",
            category=CategoryFactory(),
            slug="wool-socks",
        )

    assert caught.value.code == "slug_taken"
    assert Product.objects.count() == 1
    assert not OutboxEvent.objects.exists()


def test_another_shop_cannot_offer_a_product_closed_to_other_sellers():
    variant = VariantFactory()

    with pytest.raises(ProductClosedToShop) as caught:
        create_offer(
            shop=ShopFactory(),
            variant=variant,
            sku="A-1",
            price=Money(Decimal("10"), "EUR"),
        )

    assert caught.value.code == "product_not_open_to_shop"
    assert caught.value.fields == {
        "shop": ["The product is not open to other sellers."]
    }
    assert not Offer.objects.exists()


def test_another_shop_may_offer_a_product_open_to_other_sellers():
    variant = VariantFactory(product__is_open_to_other_sellers=True)
    other = ShopFactory()

    offer = create_offer(
        shop=other, variant=variant, sku="A-1", price=Money(Decimal("10"), "EUR")
    )

    assert offer.shop == other


@pytest.mark.parametrize(
    "amount",
    [
        "1000000000",
        # Fits as given, but rounding to cents carries it over the limit.
        "999999999.999",
        "1E+30",
    ],
)
def test_create_offer_refuses_a_price_the_columns_cannot_hold(amount):
    variant = VariantFactory()

    with pytest.raises(InvalidPrice) as caught:
        create_offer(
            shop=variant.product.shop,
            variant=variant,
            sku="A-1",
            price=Money(Decimal(amount), "EUR"),
        )

    assert caught.value.fields == {"price": ["Must be less than 1,000,000,000."]}


def test_the_largest_price_that_fits_is_stored():
    variant = VariantFactory()

    offer = create_offer(
        shop=variant.product.shop,
        variant=variant,
        sku="A-1",
        price=Money(Decimal("999999999.99"), "EUR"),
    )

    offer.refresh_from_db()
    assert offer.price_amount == Decimal("999999999.99")


def test_update_offer_refuses_a_too_large_compare_at_price():
    offer = OfferFactory()

    with pytest.raises(InvalidPrice) as caught:
        update_offer(offer_id=offer.pk, compare_at_price=Money(Decimal("1E+12"), "EUR"))

    assert list(caught.value.fields) == ["compare_at_price"]
