"""Factories for carts and lines, and a builder of stocked offers."""

from decimal import Decimal

import factory

from emporium.cart.models import Cart, CartLine
from emporium.catalog.constants import ProductStatus
from emporium.catalog.models import Offer, Product
from emporium.catalog.tests.factories import OfferFactory
from emporium.inventory.tests.factories import StockFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop


class CartFactory(factory.django.DjangoModelFactory):
    """A guest cart in EUR (pass `user=` for an account's cart)."""

    class Meta:
        model = Cart

    currency = "EUR"


class CartLineFactory(factory.django.DjangoModelFactory):
    """A line whose price seen is the offer's price now."""

    class Meta:
        model = CartLine

    cart = factory.SubFactory(CartFactory)
    offer = factory.SubFactory(OfferFactory)
    quantity = 1
    price_seen_amount = factory.LazyAttribute(lambda line: line.offer.price_amount)
    currency = factory.LazyAttribute(lambda line: line.offer.currency)


def stocked_offer(
    price: str = "10.00", stock: int = 10, *, backorder: bool = False, **fields
) -> Offer:
    """A visible offer with `stock` units in one warehouse of its shop."""
    offer = OfferFactory(price_amount=Decimal(price), **fields)
    StockFactory(offer=offer, quantity_on_hand=stock, backorder_allowed=backorder)
    return offer


def hide(offer: Offer, how: str) -> None:
    """Take an offer off sale: "inactive" offer, "suspended" shop or
    "archived" product (each breaks catalog's visibility rule)."""
    if how == "inactive":
        Offer.objects.filter(pk=offer.pk).update(is_active=False)
    elif how == "suspended":
        Shop.objects.filter(pk=offer.shop_id).update(status=ShopStatus.SUSPENDED)
    else:
        Product.objects.filter(pk=offer.variant.product_id).update(
            status=ProductStatus.ARCHIVED
        )
