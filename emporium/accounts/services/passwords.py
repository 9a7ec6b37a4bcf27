"""Password reset and change."""

from django.db import transaction
from django.http import HttpRequest

from emporium.accounts import constants, throttling
from emporium.accounts.errors import InvalidToken
from emporium.accounts.models import User, normalize_email
from emporium.accounts.selectors import (
    find_user_by_email,
    find_user_for_password_reset,
)
from emporium.accounts.services.authentication import revoke_refresh_tokens
from emporium.accounts.services.registration import check_password_strength
from emporium.core.events import publish
from emporium.core.http import client_ip


def request_password_reset(*, request: HttpRequest, email: str) -> None:
    """Email a reset link if an active account has this email.

    Answers the same whether or not the account exists. Every request counts
    towards the per-address and per-account limits.

    Raises:
        RateLimited: too many reset requests recently.
    """
    subject = throttling.Subject(
        scope="password_reset", ip=client_ip(request), account=normalize_email(email)
    )
    throttling.check(subject)
    throttling.record_failure(subject)
    user = find_user_by_email(email)
    if user is None or not user.is_active or not user.has_usable_password():
        return
    with transaction.atomic():
        publish(constants.PASSWORD_RESET_REQUESTED, {"user_id": str(user.pk)})


def reset_password(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a reset link; revokes the user's API tokens.

    Raises:
        InvalidToken: unknown uid, or a token that is tampered, expired or used.
        WeakPassword: the new password fails the validators.
    """
    user = find_user_for_password_reset(uid=uid, token=token)
    if user is None:
        raise InvalidToken("This password reset link is invalid or has expired.")
    check_password_strength(new_password, user=user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        revoke_refresh_tokens(user=user)
        publish(constants.PASSWORD_RESET_COMPLETED, {"user_id": str(user.pk)})
    return user


def change_password(*, user: User, new_password: str) -> User:
    """Set a new password for a signed-in user; revokes their API tokens.

    Sends a "password changed" email after commit.

    Raises:
        WeakPassword: the new password fails the validators.
    """
    check_password_strength(new_password, user=user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        revoke_refresh_tokens(user=user)
        publish(constants.PASSWORD_CHANGED, {"user_id": str(user.pk)})
    return user


__all__ = [
    "InvalidToken",
    "change_password",
    "request_password_reset",
    "reset_password",
]
