"""Fixtures of the orders tests: two buyers, a stocked offer, API clients."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Offer
from emporium.orders.tests.factories import stocked_offer


@pytest.fixture
def buyer(db) -> User:
    return UserFactory(email="ann@example.com", first_name="Ann")


@pytest.fixture
def other_buyer(db) -> User:
    return UserFactory(email="bob@example.com", first_name="Bob")


@pytest.fixture
def offer(db) -> Offer:
    """An offer at 10.00 EUR (gross, 19 % VAT) with 10 units on hand."""
    return stocked_offer(quantity=10, price="10.00")


def _client_for(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def buyer_api(buyer) -> APIClient:
    return _client_for(buyer)


@pytest.fixture
def other_api(other_buyer) -> APIClient:
    return _client_for(other_buyer)
