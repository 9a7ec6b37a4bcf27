"""Fixtures of the vendor catalogue API tests:
a shop with its owner and a staff member signed in by JWT, another shop,
and a stranger who runs no shop."""

import pytest
from rest_framework.test import APIClient

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.api.tests.vendor.catalog.support import client_for
from emporium.vendors.models import Shop
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory


@pytest.fixture
def shop(db) -> Shop:
    return ShopFactory(slug="acme", name="Acme")


@pytest.fixture
def other_shop(db) -> Shop:
    return ShopFactory(slug="globex", name="Globex")


@pytest.fixture
def owner_client(shop) -> APIClient:
    return client_for(shop.owner)


@pytest.fixture
def staff_member(shop) -> User:
    """A person of the shop who is not its owner."""
    return ShopMemberFactory(shop=shop).user


@pytest.fixture
def member_client(staff_member) -> APIClient:
    return client_for(staff_member)


@pytest.fixture
def stranger_client(db) -> APIClient:
    """Signed in, running no shop."""
    return client_for(UserFactory())
