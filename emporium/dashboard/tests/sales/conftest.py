"""Fixtures of the sales pages: two shops sharing an order, their people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emporium.accounts.tests.factories import UserFactory
from emporium.orders.models import Fulfilment
from emporium.payouts.tests.factories import WorkedExample, worked_example
from emporium.vendors.tests.factories import ShopMemberFactory


@pytest.fixture
def example(db) -> WorkedExample:
    """North (2 x Mug) and South (1 x Lamp) in one paid order (see
    payouts.tests.factories)."""
    return worked_example()


@pytest.fixture
def north_client(client, example):
    client.force_login(example.north.owner)
    return client


@pytest.fixture
def north_staff_client(client, example):
    client.force_login(ShopMemberFactory(shop=example.north).user)
    return client


@pytest.fixture
def stranger_client(client, db):
    client.force_login(UserFactory())
    return client


def fulfilment_of(example: WorkedExample, shop) -> Fulfilment:
    return example.fulfilment(shop)


# A dashboard page's frame (session, user, shop, membership, the menu's
# shops, and whatever the site layout reads) is not this part's to count:
# the tests compare a page with few and many rows, and keep it under this.
MAX_PAGE_QUERIES = 15


def page_queries(client, url: str, params: dict | None = None):
    """How many queries a GET of the page ran, and its response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response
