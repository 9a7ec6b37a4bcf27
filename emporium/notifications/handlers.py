"""Emails sent in answer to account events. Each handler is idempotent enough:
re-sending a link on redelivery is harmless."""

from typing import Any

from django.urls import reverse

from emporium.accounts import constants, tokens
from emporium.accounts.selectors import find_user
from emporium.core.events import subscribe
from emporium.notifications.email import absolute_url, send_templated_email


@subscribe(constants.USER_REGISTERED)
@subscribe(constants.EMAIL_VERIFICATION_REQUESTED)
def send_verification_email(payload: dict[str, Any]) -> None:
    user = find_user(payload["user_id"])
    if user is None or user.is_email_verified:
        return
    token = tokens.make_verification_token(user)
    link = absolute_url(reverse("accounts:verify-email", args=[token]))
    send_templated_email(
        to=user.email,
        template="verify_email",
        context={"user": user, "link": link},
    )


@subscribe(constants.PASSWORD_RESET_REQUESTED)
def send_password_reset_email(payload: dict[str, Any]) -> None:
    user = find_user(payload["user_id"])
    if user is None or not user.is_active:
        return
    uid, token = tokens.make_password_reset_token(user)
    link = absolute_url(reverse("accounts:password-reset-confirm", args=[uid, token]))
    send_templated_email(
        to=user.email,
        template="password_reset",
        context={"user": user, "link": link, "uid": uid, "token": token},
    )


@subscribe(constants.PASSWORD_RESET_COMPLETED)
@subscribe(constants.PASSWORD_CHANGED)
def send_password_changed_email(payload: dict[str, Any]) -> None:
    user = find_user(payload["user_id"])
    if user is None:
        return
    send_templated_email(
        to=user.email, template="password_changed", context={"user": user}
    )
