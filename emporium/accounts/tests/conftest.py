"""Fixtures of the accounts tests: users, requests from an address, a clock."""

import time
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.http import HttpRequest
from django.test import RequestFactory

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory


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
