"""The one visibility rule: active offer, approved shop, active product."""

import pytest

from emporium.catalog.constants import ProductStatus
from emporium.catalog.errors import ProductNotFound
from emporium.catalog.models import Offer, Product
from emporium.catalog.selectors import get_visible_product, list_visible_products
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_active_offer_of_approved_shop_on_active_product_is_visible():
    offer = OfferFactory()

    assert list(Offer.objects.visible()) == [offer]
    assert list(Product.objects.visible()) == [offer.variant.product]


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.ARCHIVED])
def test_offers_of_draft_or_archived_products_are_invisible(status):
    offer = OfferFactory(variant__product__status=status)

    assert not Offer.objects.visible().exists()
    assert not Product.objects.visible().exists()
    with pytest.raises(ProductNotFound):
        get_visible_product(slug=offer.variant.product.slug)


@pytest.mark.parametrize(
    "status", [ShopStatus.PENDING, ShopStatus.REJECTED, ShopStatus.SUSPENDED]
)
def test_offers_of_unapproved_shops_are_invisible(status):
    OfferFactory(shop=ShopFactory(status=status))

    assert not Offer.objects.visible().exists()
    assert not Product.objects.visible().exists()


def test_inactive_offer_is_invisible():
    OfferFactory(is_active=False)

    assert not Offer.objects.visible().exists()
    assert not list_visible_products().exists()


def test_product_without_any_offer_is_not_listed():
    ProductFactory()

    assert not list_visible_products().exists()


def test_product_stays_listed_while_another_shop_offers_it():
    """A suspended shop's offer hides; the product still sells via another."""
    variant = VariantFactory(product__is_open_to_other_sellers=True)
    OfferFactory(variant=variant, shop=ShopFactory(status=ShopStatus.SUSPENDED))
    other = OfferFactory(variant=variant, shop=ShopFactory())

    assert list(Offer.objects.visible()) == [other]
    assert list(list_visible_products()) == [variant.product]


def test_get_visible_product_prefetches_only_visible_offers(
    django_assert_num_queries,
):
    variant = VariantFactory()
    OfferFactory(variant=variant, shop=ShopFactory(status=ShopStatus.PENDING))
    visible = OfferFactory(variant=variant)

    with django_assert_num_queries(5):
        product = get_visible_product(slug=variant.product.slug)
        offers = [o for v in product.variants.all() for o in v.visible_offers]
        shops = [o.shop.name for o in offers]

    assert offers == [visible]
    assert shops == [visible.shop.name]
