"""Forgotten password (request, reset) and password change (services)."""

import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.errors import InvalidToken, WeakPassword
from emporium.accounts.services import (
    change_password,
    request_password_reset,
    reset_password,
)
from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from emporium.accounts.tokens import make_password_reset_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-kettle-77"


def _uid_and_token(body: str) -> tuple[str, str]:
    match = re.search(r"/account/password-reset/([^/\s]+)/([^/\s]+)/", body)
    assert match, body
    return match.group(1), match.group(2)


@pytest.fixture
def reset_link(user, make_request, django_capture_on_commit_callbacks, mailoutbox):
    """(uid, token) of the reset email sent to `user`."""
    with django_capture_on_commit_callbacks(execute=True):
        request_password_reset(request=make_request(), email=user.email)
    [message] = mailoutbox
    mailoutbox.clear()
    return _uid_and_token(message.body)


# --- request_password_reset -----------------------------------------------------


def test_request_password_reset_emails_a_reset_link_to_an_active_account(
    user, make_request, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SHOP_NAME = "Acme Goods"

    with django_capture_on_commit_callbacks(execute=True):
        request_password_reset(request=make_request(), email=" ANN@example.com")

    [message] = mailoutbox
    assert message.to == ["ann@example.com"]
    assert "Acme Goods" in message.subject
    assert message.alternatives[0][1] == "text/html"
    uid, token = _uid_and_token(message.body)
    assert f"http://testserver/account/password-reset/{uid}/{token}/" in message.body


@pytest.mark.parametrize(
    "account",
    ["unknown", "inactive", "unusable-password"],
)
def test_request_password_reset_sends_nothing_and_answers_the_same_without_account(
    account, make_request, django_capture_on_commit_callbacks, mailoutbox
):
    if account == "inactive":
        UserFactory(email="ann@example.com", is_active=False)
    elif account == "unusable-password":
        UserFactory(email="ann@example.com", password=None)

    with django_capture_on_commit_callbacks(execute=True):
        answer = request_password_reset(request=make_request(), email="ann@example.com")

    assert answer is None
    assert mailoutbox == []


# --- reset_password -----------------------------------------------------------


def test_reset_password_with_the_emailed_link_sets_the_new_password(user, reset_link):
    uid, token = reset_link

    reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(DEFAULT_PASSWORD)
    assert user.password.startswith("argon2")


def test_reset_password_link_works_only_once(user, reset_link):
    uid, token = reset_link
    reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    with pytest.raises(InvalidToken) as excinfo:
        reset_password(uid=uid, token=token, new_password="another-fine-phrase-88")

    assert excinfo.value.code == "invalid_token"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_password_link_expires_after_password_reset_timeout(
    user, reset_link, settings
):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    uid, token = reset_link
    later = datetime.now() + timedelta(seconds=3601)

    with (
        mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later),
        pytest.raises(InvalidToken) as excinfo,
    ):
        reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert excinfo.value.code == "invalid_token"


@pytest.mark.parametrize(
    "uid",
    ["", "not-base64!", "Tm90QVVVSUQ", "gICA"],
    ids=["empty", "not-base64", "not-a-uuid", "not-utf8"],
)
def test_reset_password_with_a_bad_uid_raises_invalid_token(user, reset_link, uid):
    _, token = reset_link

    with pytest.raises(InvalidToken) as excinfo:
        reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert excinfo.value.code == "invalid_token"
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_reset_password_with_a_tampered_token_raises_invalid_token(user, reset_link):
    uid, token = reset_link

    with pytest.raises(InvalidToken) as excinfo:
        reset_password(uid=uid, token=token[:-2] + "zz", new_password=NEW_PASSWORD)

    assert excinfo.value.code == "invalid_token"
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_reset_password_with_another_users_uid_raises_invalid_token(user, reset_link):
    other = UserFactory(email="bob@example.com")
    _, token = reset_link
    other_uid, _ = make_password_reset_token(other)

    with pytest.raises(InvalidToken):
        reset_password(uid=other_uid, token=token, new_password=NEW_PASSWORD)

    other.refresh_from_db()
    assert other.check_password(DEFAULT_PASSWORD)


def test_reset_password_with_a_weak_password_raises_weak_password(user, reset_link):
    uid, token = reset_link

    with pytest.raises(WeakPassword) as excinfo:
        reset_password(uid=uid, token=token, new_password="12345678")

    assert excinfo.value.code == "weak_password"
    assert excinfo.value.fields["password"]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_reset_password_revokes_every_refresh_token_of_the_user(user, reset_link):
    uid, token = reset_link
    issued = [RefreshToken.for_user(user) for _ in range(2)]
    others = RefreshToken.for_user(UserFactory(email="bob@example.com"))

    reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert BlacklistedToken.objects.filter(token__user=user).count() == 2
    for refresh in issued:
        with pytest.raises(TokenError):
            RefreshToken(str(refresh)).check_blacklist()
    RefreshToken(str(others)).check_blacklist()


def test_reset_password_sends_a_password_changed_email_after_commit(
    user, reset_link, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SHOP_NAME = "Acme Goods"
    uid, token = reset_link

    with django_capture_on_commit_callbacks(execute=True):
        reset_password(uid=uid, token=token, new_password=NEW_PASSWORD)

    [message] = mailoutbox
    assert message.to == ["ann@example.com"]
    assert message.subject == "Your Acme Goods password was changed"
    assert message.alternatives[0][1] == "text/html"


# --- change_password ------------------------------------------------------------


def test_change_password_sets_the_new_password_and_revokes_refresh_tokens(user):
    refresh = RefreshToken.for_user(user)

    change_password(user=user, new_password=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    with pytest.raises(TokenError):
        RefreshToken(str(refresh)).check_blacklist()


def test_change_password_sends_a_password_changed_email_after_commit(
    user, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        change_password(user=user, new_password=NEW_PASSWORD)

    [message] = mailoutbox
    assert message.to == ["ann@example.com"]
    assert "password was changed" in message.subject


def test_change_password_to_a_weak_password_raises_weak_password(user):
    with pytest.raises(WeakPassword) as excinfo:
        change_password(user=user, new_password="ann@example.com")

    assert excinfo.value.code == "weak_password"
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)
