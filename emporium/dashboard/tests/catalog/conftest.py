"""Fixtures of the dashboard's catalogue page tests: a shop with its owner
signed in, a staff member of it, another shop, and a stranger."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.dashboard.tests.catalog.support import url
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


@pytest.fixture
def frame_queries(owner) -> int:
    """What every dashboard page costs before its own queries: the session
    (none when sessions live in Redis), the user, the user's shops, the
    membership, the shop switcher, the header's lookups. Measured on the
    new-warehouse page, whose own query is one whatever the data (the
    country of the shop's first warehouse), so list tests bound exactly
    their own queries."""
    with CaptureQueriesContext(connection) as context:
        owner.get(url("warehouse-create"))
    return len(context.captured_queries) - 1
