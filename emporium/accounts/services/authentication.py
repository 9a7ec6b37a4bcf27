"""Authentication with brute-force protection, and refresh-token revocation."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)

from emporium.accounts import throttling
from emporium.accounts.errors import EmailNotVerified, InvalidCredentials
from emporium.accounts.models import User, normalize_email
from emporium.core.http import client_ip


def authenticate_user(*, request: HttpRequest, email: str, password: str) -> User:
    """Check credentials, counting failures per address and per account.

    The caller logs the user in (session) or issues tokens (API).

    Raises:
        RateLimited: too many recent failures (HTTP 429 with Retry-After).
        InvalidCredentials: wrong email or password (one message for both).
        EmailNotVerified: right password, but the email is not verified yet
            and ACCOUNTS_REQUIRE_VERIFIED_EMAIL is on.
    """
    subject = throttling.Subject(
        scope="login", ip=client_ip(request), account=normalize_email(email)
    )
    throttling.check(subject)
    user = authenticate(request, email=subject.account, password=password)
    if user is None:
        throttling.record_failure(subject)
        raise InvalidCredentials("The email or password is not correct.")
    throttling.clear_account(subject)
    if settings.ACCOUNTS_REQUIRE_VERIFIED_EMAIL and not user.is_email_verified:
        raise EmailNotVerified(
            "Please verify your email address first; we sent you a link."
        )
    return user


def revoke_refresh_tokens(*, user: User) -> int:
    """Blacklist every outstanding API refresh token of the user."""
    outstanding = OutstandingToken.objects.filter(user=user).exclude(
        blacklistedtoken__isnull=False
    )
    revoked = 0
    for token in outstanding:
        _, created = BlacklistedToken.objects.get_or_create(token=token)
        revoked += int(created)
    return revoked
