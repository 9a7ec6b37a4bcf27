"""Brute-force protection of log-in, password-reset and verification requests.

Default limits (settings.ACCOUNTS_THROTTLE): slow down after 3 failures,
block an account after 10 and an address after 30, in a 15-minute window.
"""

from unittest import mock

import pytest
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from emporium.accounts import throttling
from emporium.accounts.errors import InvalidCredentials
from emporium.accounts.services import (
    authenticate_user,
    request_email_verification,
    request_password_reset,
)
from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from emporium.core.errors import RateLimited

pytestmark = pytest.mark.django_db

WINDOW = 15 * 60
MAX_DELAY = throttling.MAX_DELAY


@pytest.fixture
def log_in(make_request):
    """Try to log in as `email` from `ip`; returns the user or raises."""

    def attempt(password: str, *, email: str = "ann@example.com", ip: str = ""):
        return authenticate_user(
            request=make_request(ip or "198.51.100.7"), email=email, password=password
        )

    return attempt


@pytest.fixture
def fail_log_in(log_in, clock):
    """Fail `times` log-ins, waiting out the slow-down before each one."""

    def fail(times: int, *, email: str = "ann@example.com", ips=None) -> None:
        for n in range(times):
            clock.advance(MAX_DELAY)
            ip = ips[n] if ips else "198.51.100.7"
            with pytest.raises(InvalidCredentials):
                log_in("wrong-password", email=email, ip=ip)

    return fail


def _ips(count: int) -> list[str]:
    return [f"203.0.113.{n + 1}" for n in range(count)]


def test_after_slow_after_failures_an_immediate_attempt_is_refused_even_if_right(
    user, log_in, clock
):
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            log_in("wrong-password")

    with pytest.raises(RateLimited) as excinfo:
        log_in(DEFAULT_PASSWORD)

    assert excinfo.value.code == "too_many_attempts"
    assert excinfo.value.status_code == 429
    assert excinfo.value.retry_after >= 1


def test_after_waiting_the_delay_one_attempt_is_allowed(user, log_in, clock):
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            log_in("wrong-password")

    clock.advance(1)

    assert log_in(DEFAULT_PASSWORD) == user


def test_each_further_failure_doubles_the_delay(user, log_in, clock):
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            log_in("wrong-password")
    clock.advance(1)
    with pytest.raises(InvalidCredentials):
        log_in("wrong-password")

    with pytest.raises(RateLimited) as excinfo:
        log_in(DEFAULT_PASSWORD)

    assert excinfo.value.retry_after == 2


def test_a_blocked_account_is_refused_until_the_window_ends(
    user, log_in, fail_log_in, clock
):
    started = clock.now + MAX_DELAY  # the first failure
    fail_log_in(10)
    clock.now = started + WINDOW - 5

    with pytest.raises(RateLimited) as excinfo:
        log_in(DEFAULT_PASSWORD)

    assert excinfo.value.code == "too_many_attempts"
    assert 5 <= excinfo.value.retry_after <= 6


def test_a_blocked_account_is_allowed_again_once_the_window_has_passed(
    user, log_in, fail_log_in, clock
):
    # Time travel needs a cache whose expiry follows time.time(); Redis
    # expires keys on its own clock (the Redis test below covers sharing).
    with mock.patch.object(throttling, "cache", LocMemCache("throttle-test", {})):
        started = clock.now + MAX_DELAY
        fail_log_in(10)
        clock.now = started + WINDOW + 1

        assert log_in(DEFAULT_PASSWORD) == user


def test_failures_from_different_addresses_still_block_the_account(
    user, log_in, fail_log_in
):
    fail_log_in(10, ips=_ips(10))

    with pytest.raises(RateLimited) as excinfo:
        log_in(DEFAULT_PASSWORD, ip="192.0.2.200")

    assert excinfo.value.code == "too_many_attempts"
    assert excinfo.value.retry_after > MAX_DELAY


def test_failures_against_many_accounts_from_one_address_block_that_address(
    user, log_in, clock, settings
):
    settings.ACCOUNTS_THROTTLE = {**settings.ACCOUNTS_THROTTLE, "ip_block_after": 6}
    for n in range(6):
        clock.advance(MAX_DELAY)
        with pytest.raises(InvalidCredentials):
            log_in("wrong-password", email=f"guess{n}@example.com", ip="192.0.2.9")
    clock.advance(MAX_DELAY)

    with pytest.raises(RateLimited) as blocked:
        log_in(DEFAULT_PASSWORD, ip="192.0.2.9")

    assert blocked.value.code == "too_many_attempts"
    assert blocked.value.retry_after > MAX_DELAY
    assert log_in(DEFAULT_PASSWORD, ip="192.0.2.10") == user


def test_a_successful_log_in_clears_the_account_failures(
    user, log_in, fail_log_in, clock
):
    fail_log_in(9, ips=_ips(9))
    clock.advance(MAX_DELAY)
    log_in(DEFAULT_PASSWORD, ip="192.0.2.100")
    fail_log_in(1, ips=["192.0.2.101"])

    # Without the reset this would be the account's 11th failure: blocked.
    assert log_in(DEFAULT_PASSWORD, ip="192.0.2.102") == user


def test_password_reset_requests_are_throttled(user, make_request, clock):
    for _ in range(3):
        request_password_reset(request=make_request(), email="ann@example.com")

    with pytest.raises(RateLimited) as excinfo:
        request_password_reset(request=make_request(), email="ann@example.com")

    assert excinfo.value.code == "too_many_attempts"


def test_password_reset_requests_do_not_count_against_log_in(
    user, log_in, make_request, clock
):
    for _ in range(5):
        clock.advance(MAX_DELAY)
        request_password_reset(request=make_request(), email="ann@example.com")

    assert log_in(DEFAULT_PASSWORD) == user


@pytest.mark.redis
def test_failures_are_shared_with_other_processes_through_redis(user, log_in, clock):
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            log_in("wrong-password")
    config = settings.CACHES["default"]
    other_process = RedisCache(
        config["LOCATION"],
        {key: value for key, value in config.items() if key != "LOCATION"},
    )
    subject = throttling.Subject(
        scope="login", ip="192.0.2.250", account="ann@example.com"
    )

    with (
        mock.patch.object(throttling, "cache", other_process),
        pytest.raises(RateLimited) as excinfo,
    ):
        throttling.check(subject)

    assert other_process._cache is not throttling.cache._cache
    assert excinfo.value.code == "too_many_attempts"


def test_failures_for_several_accounts_from_one_address_do_not_slow_it_down(
    user, log_in, fail_log_in
):
    # Three failures, each for another account, from one shared address.
    for n in range(3):
        fail_log_in(1, email=f"someone{n}@example.com")

    # An honest user behind the same address is not made to wait.
    assert log_in(DEFAULT_PASSWORD) == user


def test_resend_verification_requests_are_refused_after_the_limit(
    make_request, clock, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="new@example.com", email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            request_email_verification(request=make_request(), email="new@example.com")

    with pytest.raises(RateLimited) as refused:
        request_email_verification(request=make_request(), email="new@example.com")

    assert refused.value.code == "too_many_attempts"
    assert len(mailoutbox) == 3


def test_resend_verification_sends_nothing_to_an_inactive_account(
    make_request, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="gone@example.com", email_verified_at=None, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        request_email_verification(request=make_request(), email="gone@example.com")

    assert mailoutbox == []
