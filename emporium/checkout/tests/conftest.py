"""The checkout tests' world: two shops, German and French VAT, two methods.

Hand-computed figures of `full_cart` (2 x Mug at 12.00 from North, 1 x Lamp
at 30.00 from South, gross prices) with the voucher SAVE10 (10 %), shipped
Standard (4.90 per parcel, free from 50.00) to Germany (19 %):

| | Mug | Lamp | shipping | total |
| --- | --- | --- | --- | --- |
| amount | 24.00 | 30.00 | 9.80 (2 parcels) | 63.80 |
| discount (5.40 split 24:30) | 2.40 | 3.00 | | 5.40 |
| gross | 21.60 | 27.00 | 9.80 | 58.40 |
| tax (x 19 / 119) | 3.45 (3.4487) | 4.31 (4.3109) | 1.56 (1.5647) | 9.32 |
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.cart.models import Cart
from emporium.cart.tests.factories import CartFactory, CartLineFactory
from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.orders.drafts import AddressSnapshot
from emporium.pricing.models import Voucher
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory
from emporium.shipping.models import ShippingMethod
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingZoneFactory,
)
from emporium.vendors.models import Shop
from emporium.vendors.tests.factories import ShopFactory

BERLIN = AddressSnapshot(
    first_name="Ada",
    last_name="Lovelace",
    line1="Hauptstr. 1",
    city="Berlin",
    postal_code="10115",
    country="DE",
)
PARIS = AddressSnapshot(
    first_name="Marie",
    last_name="Curie",
    line1="1 rue de Rivoli",
    city="Paris",
    postal_code="75001",
    country="FR",
)


@dataclass
class World:
    north: Shop
    south: Shop
    mug: Offer
    lamp: Offer
    standard: ShippingMethod
    express: ShippingMethod
    voucher: Voucher


def stocked(shop: Shop, title: str, price: str, stock: int, grams: int) -> Offer:
    product = ProductFactory(shop=shop, title=title)
    variant = VariantFactory(product=product, name="", weight_grams=grams)
    offer = OfferFactory(variant=variant, price_amount=Decimal(price))
    StockFactory(offer=offer, quantity_on_hand=stock)
    return offer


@pytest.fixture
def world(db) -> World:
    TaxRateFactory(country="DE", rate=Decimal("19"))
    TaxRateFactory(country="FR", rate=Decimal("20"))
    zone = ShippingZoneFactory(name="DE + FR", countries=["DE", "FR"])
    north = ShopFactory(name="North", slug="north")
    south = ShopFactory(name="South", slug="south")
    return World(
        north=north,
        south=south,
        mug=stocked(north, "Mug", "12.00", 10, 400),
        lamp=stocked(south, "Lamp", "30.00", 10, 1500),
        standard=ShippingMethodFactory(
            zone=zone,
            name="Standard",
            price_amount=Decimal("4.90"),
            free_above_amount=Decimal("50.00"),
            min_delivery_days=2,
            max_delivery_days=3,
            position=0,
        ),
        express=ShippingMethodFactory(
            zone=zone, name="Express", price_amount=Decimal("9.90"), position=1
        ),
        voucher=VoucherFactory(code="SAVE10", value=Decimal("10")),
    )


def fill(cart: Cart, *items: tuple[Offer, int]) -> Cart:
    for offer, quantity in items:
        CartLineFactory(cart=cart, offer=offer, quantity=quantity)
    return cart


@pytest.fixture
def full_cart(world) -> Cart:
    """A guest cart: 2 x Mug (North), 1 x Lamp (South), voucher SAVE10."""
    cart = CartFactory(voucher_code="SAVE10")
    return fill(cart, (world.mug, 2), (world.lamp, 1))


def jwt_client(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
