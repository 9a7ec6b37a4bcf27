"""Registration and email verification (services)."""

import contextlib
import re
import threading
import time
from unittest import mock

import pytest
from django.db import connection

from emporium.accounts import constants, tokens
from emporium.accounts.errors import (
    EmailAlreadyRegistered,
    InvalidToken,
    TokenExpired,
    WeakPassword,
)
from emporium.accounts.models import User, UserManager
from emporium.accounts.services import register_user, verify_email
from emporium.accounts.tests.factories import UserFactory
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "plum-orchard-lantern-42"


def _link_token(body: str) -> str:
    match = re.search(r"/account/verify/([^/\s]+)/", body)
    assert match, body
    return match.group(1)


# --- register_user ------------------------------------------------------------


def test_register_user_creates_an_unverified_user_with_an_argon2_hash():
    user = register_user(email="bea@example.com", password=STRONG_PASSWORD)

    user.refresh_from_db()
    assert user.is_email_verified is False
    assert user.is_active is True
    assert user.password.startswith("argon2")
    assert user.check_password(STRONG_PASSWORD)


def test_register_user_trims_and_lower_cases_the_email():
    user = register_user(email="  Bea.Smith@Example.COM ", password=STRONG_PASSWORD)

    assert user.email == "bea.smith@example.com"
    assert User.objects.get().email == "bea.smith@example.com"


def test_register_user_publishes_one_user_registered_event():
    user = register_user(email="bea@example.com", password=STRONG_PASSWORD)

    events = OutboxEvent.objects.all()
    assert [(event.name, event.payload) for event in events] == [
        (constants.USER_REGISTERED, {"user_id": str(user.pk)})
    ]


def test_register_user_sends_no_email_before_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register_user(email="bea@example.com", password=STRONG_PASSWORD)

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_register_user_sends_one_verification_email_after_commit(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SHOP_NAME = "Acme Goods"

    with django_capture_on_commit_callbacks(execute=True):
        user = register_user(email="bea@example.com", password=STRONG_PASSWORD)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bea@example.com"]
    assert "Acme Goods" in message.subject
    assert "\n" not in message.subject
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    token = _link_token(message.body)
    assert f"http://testserver/account/verify/{token}/" in message.body
    assert f"/account/verify/{token}/" in html
    assert tokens.read_verification_token(token) == (str(user.pk), user.email)
    assert OutboxEvent.objects.get().delivered_at is not None


def test_register_user_with_a_taken_email_in_other_case_raises_email_taken():
    UserFactory(email="bea@example.com")

    with pytest.raises(EmailAlreadyRegistered) as excinfo:
        register_user(email=" BEA@Example.com", password=STRONG_PASSWORD)

    assert excinfo.value.code == "email_taken"
    assert excinfo.value.status_code == 409
    assert User.objects.count() == 1
    assert OutboxEvent.objects.count() == 0


def test_register_user_losing_the_unique_race_raises_email_taken_and_leaves_nothing():
    # A stored row the exact-match pre-check misses (as a concurrent
    # registration would be): only the case-blind unique constraint sees it.
    User.objects.create(email="Bea@Example.com")

    with pytest.raises(EmailAlreadyRegistered) as excinfo:
        register_user(email="bea@example.com", password=STRONG_PASSWORD)

    assert excinfo.value.code == "email_taken"
    assert list(User.objects.values_list("email", flat=True)) == ["Bea@Example.com"]
    assert OutboxEvent.objects.count() == 0


@pytest.mark.parametrize(
    "password",
    ["short-1", "1234567890123", "password1234", "bea.smith.example"],
    ids=["too-short", "numeric", "common", "like-the-email"],
)
def test_register_user_with_a_weak_password_raises_weak_password(password):
    with pytest.raises(WeakPassword) as excinfo:
        register_user(email="bea.smith@example.com", password=password)

    assert excinfo.value.code == "weak_password"
    assert excinfo.value.fields["password"]
    assert all(isinstance(m, str) for m in excinfo.value.fields["password"])
    assert User.objects.count() == 0
    assert OutboxEvent.objects.count() == 0


# --- verify_email -------------------------------------------------------------


@pytest.fixture
def new_user(db) -> User:
    return UserFactory(email="bea@example.com", email_verified_at=None)


def test_verify_email_with_a_valid_token_marks_the_email_verified(new_user):
    token = tokens.make_verification_token(new_user)

    verified = verify_email(token=token)

    new_user.refresh_from_db()
    assert verified == new_user
    assert new_user.is_email_verified is True
    assert list(OutboxEvent.objects.values_list("name", flat=True)) == [
        constants.EMAIL_VERIFIED
    ]


def test_verify_email_twice_keeps_the_first_verification_time(new_user):
    token = tokens.make_verification_token(new_user)
    first = verify_email(token=token).email_verified_at

    again = verify_email(token=token)

    assert again.email_verified_at == first
    assert OutboxEvent.objects.filter(name=constants.EMAIL_VERIFIED).count() == 1


def test_verify_email_after_the_max_age_raises_token_expired(new_user, settings):
    settings.ACCOUNTS_VERIFICATION_MAX_AGE = 3600
    token = tokens.make_verification_token(new_user)
    later = time.time() + 3601

    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        pytest.raises(TokenExpired) as excinfo,
    ):
        verify_email(token=token)

    assert excinfo.value.code == "token_expired"
    new_user.refresh_from_db()
    assert new_user.is_email_verified is False


def test_verify_email_just_before_the_max_age_still_verifies(new_user, settings):
    settings.ACCOUNTS_VERIFICATION_MAX_AGE = 3600
    token = tokens.make_verification_token(new_user)
    later = time.time() + 3590

    with mock.patch("django.core.signing.time.time", return_value=later):
        verify_email(token=token)

    new_user.refresh_from_db()
    assert new_user.is_email_verified is True


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
    ids=["changed-signature", "changed-payload", "garbage"],
)
def test_verify_email_with_a_tampered_token_raises_invalid_token(new_user, tamper):
    token = tamper(tokens.make_verification_token(new_user))

    with pytest.raises(InvalidToken) as excinfo:
        verify_email(token=token)

    assert excinfo.value.code == "invalid_token"
    new_user.refresh_from_db()
    assert new_user.is_email_verified is False


def test_verify_email_refuses_a_token_issued_before_the_email_changed(new_user):
    token = tokens.make_verification_token(new_user)
    new_user.email = "bea.new@example.com"
    new_user.save(update_fields=["email"])

    with pytest.raises(InvalidToken) as excinfo:
        verify_email(token=token)

    assert excinfo.value.code == "invalid_token"
    new_user.refresh_from_db()
    assert new_user.is_email_verified is False


def test_verify_email_of_a_deleted_account_raises_invalid_token(new_user):
    token = tokens.make_verification_token(new_user)
    new_user.delete()

    with pytest.raises(InvalidToken) as excinfo:
        verify_email(token=token)

    assert excinfo.value.code == "invalid_token"


def test_verification_email_shows_names_with_quotes_and_ampersands_as_typed(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SHOP_NAME = "Bob's Bikes & Boards"

    with django_capture_on_commit_callbacks(execute=True):
        register_user(
            email="zoe@example.com", password=STRONG_PASSWORD, first_name="Zoë O'Neil"
        )

    [message] = mailoutbox
    assert message.subject == "Confirm your email address for Bob's Bikes & Boards"
    assert "Hello Zoë O'Neil," in message.body
    assert "Welcome to Bob's Bikes & Boards." in message.body
    html = message.alternatives[0][0]
    assert "Hello Zoë O&#x27;Neil," in html
    assert "Bob&#x27;s Bikes &amp; Boards" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_registrations_of_one_email_make_one_account():
    """Both requests pass the "already taken?" check before either inserts."""
    both_checked = threading.Barrier(2)
    create_user = UserManager.create_user

    def wait_for_the_other_then_create(manager, *args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait(timeout=2)
        return create_user(manager, *args, **kwargs)

    outcomes: list[str] = []

    def register():
        try:
            register_user(email="race@example.com", password="a-long-secret-pass-7")
            outcomes.append("created")
        except EmailAlreadyRegistered as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    with mock.patch.object(UserManager, "create_user", wait_for_the_other_then_create):
        threads = [threading.Thread(target=register) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(outcomes) == ["created", "email_taken"]
    assert User.objects.filter(email="race@example.com").count() == 1
    assert OutboxEvent.objects.filter(name=constants.USER_REGISTERED).count() == 1
