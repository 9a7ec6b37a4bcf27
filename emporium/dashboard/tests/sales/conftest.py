"""Fixtures of the sales pages: two shops sharing an order, their people."""

import pytest

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
