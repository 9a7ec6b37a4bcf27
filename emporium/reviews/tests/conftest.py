"""Fixtures of the review tests: a reviewable product, buyers, API clients."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Product
from emporium.reviews.tests.factories import reviewable_product


@pytest.fixture
def product(db) -> Product:
    return reviewable_product()


@pytest.fixture
def buyer(db) -> User:
    return UserFactory(first_name="Ada", last_name="Lovelace")


@pytest.fixture
def other(db) -> User:
    return UserFactory()


def client_for(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
