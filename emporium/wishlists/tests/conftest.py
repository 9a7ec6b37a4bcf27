"""Fixtures of the wishlist tests: a buyer, visible products and shops."""

from decimal import Decimal

import pytest

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Product
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.vendors.models import Shop


def visible_product(*, shop: Shop | None = None, quantity: int = 10) -> Product:
    """A visible product (one stocked offer of its own, approved shop)."""
    product = ProductFactory(shop=shop) if shop else ProductFactory()
    offer = OfferFactory(
        variant=VariantFactory(product=product, is_default=True),
        price_amount=Decimal("10.00"),
    )
    StockFactory(offer=offer, quantity_on_hand=quantity)
    return product


@pytest.fixture
def buyer(db) -> User:
    return UserFactory()


@pytest.fixture
def other(db) -> User:
    return UserFactory()


@pytest.fixture
def product(db) -> Product:
    return visible_product()
