"""Fixtures of the dashboard's catalogue page tests: a shop with its owner
signed in, a staff member of it, another shop, and a stranger."""

import pytest
from django.test import Client

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.models import Shop
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory


@pytest.fixture
def shop(db) -> Shop:
    return ShopFactory(slug="acme", name="Acme")


@pytest.fixture
def other_shop(db) -> Shop:
    return ShopFactory(slug="globex", name="Globex")


@pytest.fixture
def owner(client, shop) -> Client:
    """The test client, signed in as the shop's owner."""
    client.force_login(shop.owner)
    return client


@pytest.fixture
def staff_member(shop) -> User:
    return ShopMemberFactory(shop=shop).user


@pytest.fixture
def stranger(db) -> User:
    return UserFactory()
