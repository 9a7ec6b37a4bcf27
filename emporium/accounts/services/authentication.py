"""Authentication with brute-force protection, and refresh-token revocation."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.http import HttpRequest
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts import throttling
from emporium.accounts.errors import EmailNotVerified, InvalidCredentials, TokenNotValid
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


def issue_api_tokens(*, user: User) -> dict[str, str]:
    """A fresh JWT pair; the refresh token is recorded so it can be revoked.

    Records the log-in time, as a session log-in does (which also ends any
    open password-reset link).
    """
    refresh = RefreshToken.for_user(user)
    update_last_login(None, user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def revoke_refresh_token(*, token: str) -> None:
    """Revoke one refresh token (API log-out).

    Raises:
        TokenNotValid: the token is malformed, expired or already revoked.
    """
    try:
        RefreshToken(token).blacklist()
    except TokenError as exc:
        raise TokenNotValid(str(exc)) from exc
