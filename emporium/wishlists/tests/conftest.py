"""Fixtures of the wishlist tests: a buyer, visible products and shops."""

import pytest

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Product
from emporium.orders.tests.factories import stocked_offer


def visible_product(**offer_options) -> Product:
    """A visible product (one stocked offer of its own, approved shop)."""
    return stocked_offer(**offer_options).variant.product


@pytest.fixture
def buyer(db) -> User:
    return UserFactory()


@pytest.fixture
def other(db) -> User:
    return UserFactory()


@pytest.fixture
def product(db) -> Product:
    return visible_product()
