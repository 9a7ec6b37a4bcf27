"""Sign-up, email verification, tokens and password reset through /api/v1/auth/."""

import time
from unittest import mock

import pytest
from django.conf import settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from emporium.accounts.models import User
from emporium.accounts.tests.api.links import reset_uid_and_token, verification_token
from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
VERIFY = "/api/v1/auth/verify-email/"
RESEND = "/api/v1/auth/verify-email/resend/"
TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
LOGOUT = "/api/v1/auth/logout/"
RESET = "/api/v1/auth/password-reset/"
RESET_CONFIRM = "/api/v1/auth/password-reset/confirm/"
ME = "/api/v1/me/"

NEW_PASSWORD = "a-new-and-long-secret-42"


def sign_up(api_client, capture, email="ada@example.com"):
    """Register through the API, delivering the after-commit emails."""
    payload = {
        "email": email,
        "password": "analytical-engine-1843",
        "first_name": "Ada",
        "last_name": "Lovelace",
    }
    with capture(execute=True):
        return api_client.post(REGISTER, payload)


def obtain_tokens(api_client, email, password=DEFAULT_PASSWORD) -> dict[str, str]:
    response = api_client.post(TOKEN, {"email": email, "password": password})
    assert response.status_code == 200, response.json()
    return response.json()


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    assert isinstance(body["detail"], str)
    return body


# --- Registration ---------------------------------------------------------------


def test_register_creates_unverified_user_and_emails_link(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    response = sign_up(api_client, django_capture_on_commit_callbacks)

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "email", "first_name", "last_name", "is_email_verified"}
    assert body["email"] == "ada@example.com"
    assert body["is_email_verified"] is False
    user = User.objects.get(pk=body["id"])
    assert user.check_password("analytical-engine-1843")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada@example.com"]
    assert verification_token(mailoutbox[0])


def test_register_stores_the_email_lower_cased(api_client):
    response = api_client.post(
        REGISTER, {"email": "Ada@Example.COM", "password": "analytical-engine-1843"}
    )

    assert response.status_code == 201
    assert response.json()["email"] == "ada@example.com"


def test_register_with_a_taken_email_is_409_email_taken(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com")

    response = sign_up(
        api_client, django_capture_on_commit_callbacks, "ADA@example.com"
    )

    assert_error(response, 409, "email_taken")
    assert User.objects.filter(email="ada@example.com").count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("password", ["short", "1234567890123", "password1234"])
def test_register_with_a_weak_password_is_400_weak_password(api_client, password):
    response = api_client.post(
        REGISTER, {"email": "ada@example.com", "password": password}
    )

    body = assert_error(response, 400, "weak_password")
    assert body["fields"]["password"]
    assert not User.objects.filter(email="ada@example.com").exists()


def test_register_without_required_fields_is_400_invalid(api_client):
    response = api_client.post(REGISTER, {"first_name": "Ada"})

    body = assert_error(response, 400, "invalid")
    assert set(body["fields"]) == {"email", "password"}


# --- Email verification -----------------------------------------------------------


def test_verify_email_with_the_emailed_token_verifies_the_user(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    user_id = sign_up(api_client, django_capture_on_commit_callbacks).json()["id"]
    token = verification_token(mailoutbox[0])

    response = api_client.post(VERIFY, {"token": token})

    assert response.status_code == 200
    body = response.json()
    assert body["detail"]
    assert body["user"]["id"] == user_id
    assert body["user"]["is_email_verified"] is True
    assert User.objects.get(pk=user_id).is_email_verified


def test_verify_email_with_an_expired_token_is_400_token_expired(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    user_id = sign_up(api_client, django_capture_on_commit_callbacks).json()["id"]
    token = verification_token(mailoutbox[0])
    later = time.time() + settings.ACCOUNTS_VERIFICATION_MAX_AGE + 60

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = api_client.post(VERIFY, {"token": token})

    assert_error(response, 400, "token_expired")
    assert not User.objects.get(pk=user_id).is_email_verified


def test_verify_email_with_a_tampered_token_is_400_invalid_token(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    user_id = sign_up(api_client, django_capture_on_commit_callbacks).json()["id"]
    token = verification_token(mailoutbox[0])
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    response = api_client.post(VERIFY, {"token": tampered})

    assert_error(response, 400, "invalid_token")
    assert not User.objects.get(pk=user_id).is_email_verified


def test_resend_verification_emails_an_unverified_user_a_new_link(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email_verified_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(RESEND, {"email": user.email.upper()})

    assert response.status_code == 202
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    verified = api_client.post(VERIFY, {"token": verification_token(mailoutbox[0])})
    assert verified.status_code == 200


def test_resend_verification_answers_the_same_for_any_email(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    unverified = UserFactory(email_verified_at=None)
    verified = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            api_client.post(RESEND, {"email": email})
            for email in (unverified.email, verified.email, "nobody@example.com")
        ]

    assert {(a.status_code, a.content) for a in answers} == {(202, answers[0].content)}
    assert [mail.to for mail in mailoutbox] == [[unverified.email]]


def test_resend_verification_is_refused_with_429_after_repeated_requests(
    api_client, mailoutbox, django_capture_on_commit_callbacks
):
    unverified = UserFactory(email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(settings.ACCOUNTS_THROTTLE["slow_after"]):
            api_client.post(RESEND, {"email": unverified.email})

    response = api_client.post(RESEND, {"email": unverified.email})

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert int(response["Retry-After"]) >= 1
    assert len(mailoutbox) == settings.ACCOUNTS_THROTTLE["slow_after"]


# --- Tokens ---------------------------------------------------------------------------


def test_token_obtain_returns_a_pair_that_works(api_client, user):
    response = api_client.post(
        TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    tokens = response.json()
    assert set(tokens) == {"access", "refresh"}
    assert OutstandingToken.objects.filter(user=user).count() == 1
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert api_client.get(ME).json()["email"] == user.email


def test_token_obtain_records_the_login(api_client, user):
    obtain_tokens(api_client, user.email)

    user.refresh_from_db()
    assert user.last_login is not None


@pytest.mark.parametrize(
    ("email", "password"),
    [("user@example.com", "wrong-password-123"), ("nobody@example.com", "x")],
)
def test_token_obtain_with_wrong_credentials_is_401_invalid_credentials(
    api_client, email, password
):
    UserFactory(email="user@example.com")

    response = api_client.post(TOKEN, {"email": email, "password": password})

    assert_error(response, 401, "invalid_credentials")


def test_token_obtain_for_an_unverified_email_is_403_email_not_verified(api_client):
    user = UserFactory(email_verified_at=None)

    response = api_client.post(
        TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD}
    )

    assert_error(response, 403, "email_not_verified")


def test_repeated_failed_logins_are_429_with_retry_after(api_client, user, settings):
    settings.ACCOUNTS_THROTTLE = {
        "window": 600,
        "slow_after": 100,
        "block_after": 3,
        "ip_block_after": 100,
    }
    wrong = {"email": user.email, "password": "not-the-password"}
    statuses = [api_client.post(TOKEN, wrong).status_code for _ in range(3)]

    response = api_client.post(
        TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD}
    )

    assert statuses == [401, 401, 401]
    assert_error(response, 429, "too_many_attempts")
    assert 0 < int(response["Retry-After"]) <= 601


def test_failed_logins_in_a_row_must_wait_before_the_next(api_client, user, settings):
    settings.ACCOUNTS_THROTTLE = {
        "window": 600,
        "slow_after": 2,
        "block_after": 100,
        "ip_block_after": 100,
    }
    wrong = {"email": user.email, "password": "not-the-password"}
    api_client.post(TOKEN, wrong)
    api_client.post(TOKEN, wrong)

    response = api_client.post(TOKEN, wrong)

    assert_error(response, 429, "too_many_attempts")
    assert int(response["Retry-After"]) >= 1


def test_refresh_returns_a_new_pair_and_retires_the_old_refresh(api_client, user):
    old = obtain_tokens(api_client, user.email)

    response = api_client.post(REFRESH, {"refresh": old["refresh"]})

    assert response.status_code == 200
    new = response.json()
    assert set(new) == {"access", "refresh"}
    assert new["refresh"] != old["refresh"]
    assert_error(
        api_client.post(REFRESH, {"refresh": old["refresh"]}), 401, "token_not_valid"
    )
    assert api_client.post(REFRESH, {"refresh": new["refresh"]}).status_code == 200


def test_refresh_ignores_a_stale_authorization_header(api_client, user):
    tokens = obtain_tokens(api_client, user.email)
    api_client.credentials(HTTP_AUTHORIZATION="Bearer expired.or.garbage")

    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]})

    assert response.status_code == 200


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "x" * 2000])
def test_refresh_with_a_garbage_token_is_401_token_not_valid(api_client, token):
    response = api_client.post(REFRESH, {"refresh": token})

    assert_error(response, 401, "token_not_valid")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_refresh_with_an_access_token_is_401_token_not_valid(api_client, user):
    tokens = obtain_tokens(api_client, user.email)

    response = api_client.post(REFRESH, {"refresh": tokens["access"]})

    assert_error(response, 401, "token_not_valid")


def test_refresh_for_a_deleted_account_is_401_token_not_valid(api_client, user):
    tokens = obtain_tokens(api_client, user.email)
    user.delete()

    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]})

    assert_error(response, 401, "token_not_valid")


def test_refresh_for_a_deactivated_account_is_refused(api_client, user):
    tokens = obtain_tokens(api_client, user.email)
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = api_client.post(REFRESH, {"refresh": tokens["refresh"]})

    assert_error(response, 401, "no_active_account")


def test_refresh_without_a_token_is_400_invalid(api_client):
    body = assert_error(api_client.post(REFRESH, {}), 400, "invalid")

    assert set(body["fields"]) == {"refresh"}


def test_logout_revokes_the_refresh_token(api_client, user):
    tokens = obtain_tokens(api_client, user.email)

    response = api_client.post(LOGOUT, {"refresh": tokens["refresh"]})

    assert response.status_code == 204
    assert_error(
        api_client.post(REFRESH, {"refresh": tokens["refresh"]}),
        401,
        "token_not_valid",
    )


def test_logout_leaves_other_sessions_signed_in(api_client, user):
    phone = obtain_tokens(api_client, user.email)
    laptop = obtain_tokens(api_client, user.email)

    api_client.post(LOGOUT, {"refresh": phone["refresh"]})

    assert api_client.post(REFRESH, {"refresh": laptop["refresh"]}).status_code == 200


@pytest.mark.parametrize("token", ["garbage", ""])
def test_logout_with_a_garbage_token_is_refused(api_client, token):
    response = api_client.post(LOGOUT, {"refresh": token})

    if token:
        assert_error(response, 401, "token_not_valid")
    else:
        assert_error(response, 400, "invalid")


# --- Password reset -------------------------------------------------------------------


def request_reset(api_client, capture, email):
    with capture(execute=True):
        return api_client.post(RESET, {"email": email})


def test_password_reset_through_the_api_replaces_the_password(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    old_tokens = obtain_tokens(api_client, user.email)
    response = request_reset(api_client, django_capture_on_commit_callbacks, user.email)
    assert response.status_code == 202
    uid, token = reset_uid_and_token(mailoutbox[-1])

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = api_client.post(
            RESET_CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
        )

    assert confirmed.status_code == 200
    assert confirmed.json()["detail"]
    old_login = api_client.post(
        TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert_error(old_login, 401, "invalid_credentials")
    obtain_tokens(api_client, user.email, NEW_PASSWORD)
    assert_error(
        api_client.post(REFRESH, {"refresh": old_tokens["refresh"]}),
        401,
        "token_not_valid",
    )


def test_password_reset_link_works_once(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    request_reset(api_client, django_capture_on_commit_callbacks, user.email)
    uid, token = reset_uid_and_token(mailoutbox[-1])
    payload = {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
    assert api_client.post(RESET_CONFIRM, payload).status_code == 200

    response = api_client.post(
        RESET_CONFIRM, {**payload, "new_password": "yet-another-secret-77"}
    )

    assert_error(response, 400, "invalid_token")


def test_password_reset_answers_the_same_for_an_unknown_email(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    known = request_reset(api_client, django_capture_on_commit_callbacks, user.email)
    unknown = request_reset(
        api_client, django_capture_on_commit_callbacks, "nobody@example.com"
    )

    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    assert known.status_code == 202
    assert [mail.to for mail in mailoutbox] == [[user.email]]


@pytest.mark.parametrize(
    ("uid", "token"),
    [("bad-uid", "bad-token"), ("", "x"), ("MTIz", "1-2"), ("!!!", "!!!")],
)
def test_password_reset_confirm_with_a_bad_link_is_400(api_client, uid, token):
    response = api_client.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
    )

    assert_error(response, 400, "invalid" if not uid else "invalid_token")


def test_password_reset_confirm_with_a_valid_uid_but_wrong_token_is_invalid_token(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    request_reset(api_client, django_capture_on_commit_callbacks, user.email)
    uid, _ = reset_uid_and_token(mailoutbox[-1])

    response = api_client.post(
        RESET_CONFIRM, {"uid": uid, "token": "abc-123", "new_password": NEW_PASSWORD}
    )

    assert_error(response, 400, "invalid_token")
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_password_reset_confirm_with_a_weak_password_is_400_weak_password(
    api_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    request_reset(api_client, django_capture_on_commit_callbacks, user.email)
    uid, token = reset_uid_and_token(mailoutbox[-1])

    response = api_client.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": "123"}
    )

    body = assert_error(response, 400, "weak_password")
    assert body["fields"]["new_password"]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_password_reset_requests_are_throttled(api_client, user, settings):
    settings.ACCOUNTS_THROTTLE = {
        "window": 600,
        "slow_after": 100,
        "block_after": 2,
        "ip_block_after": 100,
    }
    api_client.post(RESET, {"email": user.email})
    api_client.post(RESET, {"email": user.email})

    response = api_client.post(RESET, {"email": user.email})

    assert_error(response, 429, "too_many_attempts")
    assert int(response["Retry-After"]) > 0
