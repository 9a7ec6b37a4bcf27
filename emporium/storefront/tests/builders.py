"""Builders of listed products for storefront page tests."""

from decimal import Decimal

from emporium.catalog.models import Category, Offer, Product
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.vendors.models import Shop


def listed_product(
    *,
    category: Category | None = None,
    shop: Shop | None = None,
    price: str = "19.99",
    stock: int = 10,
    variants: int = 1,
    **product_fields,
) -> Product:
    """An active product whose variants each have one stocked, visible offer."""
    fields = dict(product_fields)
    if category is not None:
        fields["category"] = category
    if shop is not None:
        fields["shop"] = shop
    product = ProductFactory(**fields)
    for position in range(variants):
        variant = VariantFactory(
            product=product, position=position, is_default=position == 0
        )
        offer = OfferFactory(variant=variant, price_amount=Decimal(price))
        StockFactory(offer=offer, quantity_on_hand=stock)
    return product


def first_offer(product: Product) -> Offer:
    return Offer.objects.filter(variant__product=product).order_by("pk").first()
