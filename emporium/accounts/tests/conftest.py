"""Fixtures of the accounts tests: users, requests from an address, a clock."""

import time
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.test import RequestFactory

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _skip_without_engine(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("redis") and not settings.REDIS_URL:
        pytest.skip("needs a real Redis server: set REDIS_URL")
    if (
        request.node.get_closest_marker("postgres")
        and connection.vendor != "postgresql"
    ):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def user(db) -> User:
    """A verified, active customer with `factories.DEFAULT_PASSWORD`."""
    return UserFactory(email="ann@example.com")


@pytest.fixture
def make_request() -> Callable[..., HttpRequest]:
    """Build a POST request coming from the given client address."""
    factory = RequestFactory()

    def make(ip: str = "198.51.100.7") -> HttpRequest:
        return factory.post("/account/login/", REMOTE_ADDR=ip)

    return make


class Clock:
    """A `time.time()` stand-in that only moves when told to."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Iterator[Clock]:
    """Freeze `time.time()` (the throttle's clock) until the test moves it."""
    frozen = Clock(time.time())
    with mock.patch("emporium.accounts.throttling.time.time", frozen):
        yield frozen
