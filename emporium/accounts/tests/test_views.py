"""The account pages as a customer uses them: forms, emails, redirects."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emporium.accounts import tokens
from emporium.accounts.models import Address, User
from emporium.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AddressFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-strong-passphrase-42"
LINK = re.compile(r"http://testserver(/\S+)")


@pytest.fixture
def user() -> User:
    return UserFactory(email="ada@example.com")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def link_in(message) -> str:
    """The path of the first link in an email's text body."""
    return LINK.search(message.body).group(1)


def login(client, email: str, password: str, **extra):
    url = reverse("accounts:login")
    return client.post(url, {"email": email, "password": password, **extra})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def address_data(**overrides) -> dict:
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "line1": "12 St James's Square",
        "city": "London",
        "postal_code": "SW1Y 4JH",
        "country": "GB",
    }
    return {**data, **overrides}


# --- Registration and email verification -------------------------------------


def test_register_sends_one_email_whose_link_verifies_the_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "Grace@Example.com",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["grace@example.com"]
    page = client.get(link_in(mailoutbox[0]))
    assert page.status_code == 200
    assert "Your email address is verified" in page.text
    assert User.objects.get(email="grace@example.com").is_email_verified
    assert not is_signed_in(client)


def test_register_shows_the_password_validators_messages_on_the_password(client):
    data = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.com",
        "password": "12345678901",
        "password_confirm": "12345678901",
    }

    response = client.post(reverse("accounts:register"), data)

    assert response.status_code == 200
    assert (
        "This password is entirely numeric."
        in response.context["form"].errors["password"]
    )
    assert 'aria-describedby="id_password_helptext id_password_error"' in response.text
    assert not User.objects.filter(email="grace@example.com").exists()


def test_register_with_a_taken_email_shows_the_error_on_the_email(client, user):
    data = {
        "first_name": "Ada",
        "last_name": "Again",
        "email": "ADA@example.com",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }

    response = client.post(reverse("accounts:register"), data)

    assert response.context["form"].errors["email"] == [
        "An account with this email already exists."
    ]
    assert 'aria-invalid="true"' in response.text


def test_register_refuses_passwords_that_differ(client):
    data = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.com",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD + "x",
    }

    response = client.post(reverse("accounts:register"), data)

    assert response.context["form"].errors["password_confirm"] == [
        "The two passwords do not match."
    ]
    assert not User.objects.filter(email="grace@example.com").exists()


def test_signed_in_user_visiting_register_goes_to_the_profile(signed_in):
    response = signed_in.get(reverse("accounts:register"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


def test_expired_verification_link_offers_a_new_one(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    unverified = UserFactory(email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:resend-verification"), {"email": unverified.email}
        )
    settings.ACCOUNTS_VERIFICATION_MAX_AGE = -1

    response = client.get(link_in(mailoutbox[0]))

    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert f'action="{reverse("accounts:resend-verification")}"' in response.text
    unverified.refresh_from_db()
    assert not unverified.is_email_verified


def test_tampered_verification_link_answers_400(client):
    url = reverse("accounts:verify-email", args=["not-a-signed-token"])

    response = client.get(url)

    assert response.status_code == 400
    assert "This link is not valid" in response.text


def test_resend_verification_emails_an_unverified_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    unverified = UserFactory(email_verified_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:resend-verification"),
            {"email": unverified.email},
            follow=True,
        )

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [unverified.email]
    assert "we have sent it a new verification link" in response.text


def test_resend_from_the_profile_returns_to_the_profile(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    unverified = UserFactory(email_verified_at=None)
    client.force_login(unverified)
    data = {"email": unverified.email, "next": reverse("accounts:profile")}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend-verification"), data)

    assert response["Location"] == reverse("accounts:profile")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("email", ["nobody@example.com", "ada@example.com"])
def test_resend_verification_answers_the_same_without_an_unverified_account(
    client, user, email, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:resend-verification"), {"email": email}, follow=True
        )

    assert mailoutbox == []
    assert "we have sent it a new verification link" in response.text


# --- Log in and out ----------------------------------------------------------


def test_login_with_the_right_password_signs_in(client, user):
    response = login(client, "ADA@example.com ", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert is_signed_in(client)


def test_login_with_a_wrong_password_shows_a_form_error(client, user):
    response = login(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The email or password is not correct."
    ]
    assert 'role="alert"' in response.text
    assert not is_signed_in(client)


def test_login_with_an_unverified_email_explains_and_offers_a_new_link(client):
    unverified = UserFactory(email_verified_at=None)

    response = login(client, unverified.email, DEFAULT_PASSWORD)

    assert "Please verify your email address first" in response.text
    assert reverse("accounts:resend-verification") in response.text
    assert not is_signed_in(client)


def test_login_answers_429_after_repeated_failures_even_with_the_right_password(
    client, user, settings
):
    throttle = {"slow_after": 100, "block_after": 3}
    settings.ACCOUNTS_THROTTLE = {**settings.ACCOUNTS_THROTTLE, **throttle}
    for _ in range(3):
        login(client, user.email, "not-the-password")

    response = login(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed attempts" in response.text
    assert response.context["form"]["email"].value() == user.email
    assert not is_signed_in(client)


def test_login_right_after_three_failures_must_wait(client, user):
    for _ in range(3):
        login(client, user.email, "not-the-password")

    response = login(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "1"


def test_login_follows_a_next_url_on_this_site(client, user):
    response = login(
        client, user.email, DEFAULT_PASSWORD, next=reverse("accounts:address-list")
    )

    assert response["Location"] == reverse("accounts:address-list")


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/account/", "javascript:alert(1)"],
)
def test_login_refuses_to_redirect_off_site(client, user, next_url):
    page = client.get(reverse("accounts:login"), {"next": next_url})

    response = login(client, user.email, DEFAULT_PASSWORD, next=next_url)

    assert "evil.example" not in page.text
    assert response["Location"] == reverse("accounts:profile")


def test_logout_by_get_only_asks_for_confirmation(signed_in):
    response = signed_in.get(reverse("accounts:logout"))

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert is_signed_in(signed_in)


def test_logout_by_post_signs_out_and_goes_home(signed_in):
    response = signed_in.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("storefront:home")
    assert not is_signed_in(signed_in)


# --- Password reset ----------------------------------------------------------


def request_reset(client, email: str, capture):
    with capture(execute=True):
        return client.post(reverse("accounts:password-reset"), {"email": email})


def test_password_reset_through_the_pages_replaces_the_password(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    response = request_reset(client, user.email, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert len(mailoutbox) == 1
    link = link_in(mailoutbox[0])

    moved = client.get(link)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert moved.status_code == 302
    assert moved["Location"].endswith("/set-password/")
    assert token not in moved["Location"]
    form_page = client.get(moved["Location"])
    assert "Choose a new password" in form_page.text
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            moved["Location"],
            {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD},
        )

    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert login(client, user.email, DEFAULT_PASSWORD).status_code == 200
    assert login(client, user.email, NEW_PASSWORD).status_code == 302
    assert client.get(link).status_code == 400  # the link died with the old password


def test_password_reset_answers_the_same_for_an_unknown_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    email = "nobody@example.com"
    response = request_reset(client, email, django_capture_on_commit_callbacks)

    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mailoutbox == []


def test_password_reset_requests_are_rate_limited(client, user, settings):
    settings.ACCOUNTS_THROTTLE = {**settings.ACCOUNTS_THROTTLE, "block_after": 2}
    url = reverse("accounts:password-reset")
    for _ in range(2):
        client.post(url, {"email": user.email})

    response = client.post(url, {"email": user.email})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed attempts" in response.text


def test_password_reset_link_with_a_bad_token_is_refused(client, user):
    uid, _ = tokens.make_password_reset_token(user)
    url = reverse("accounts:password-reset-confirm", args=[uid, "bad-token"])

    response = client.get(url)

    assert response.status_code == 400
    assert "This link is invalid or has expired" in response.text
    assert reverse("accounts:password-reset") in response.text


def test_set_password_page_without_a_token_in_the_session_is_refused(client, user):
    url = reverse("accounts:password-reset-confirm", args=["MQ", "set-password"])

    assert client.get(url).status_code == 400
    assert client.post(url, {"new_password": NEW_PASSWORD}).status_code == 400


def test_password_reset_shows_a_weak_new_password_on_its_field(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    request_reset(client, user.email, django_capture_on_commit_callbacks)
    form_url = client.get(link_in(mailoutbox[0]))["Location"]

    response = client.post(
        form_url, {"new_password": "password", "new_password_confirm": "password"}
    )

    assert response.status_code == 200
    assert (
        "This password is too common."
        in response.context["form"].errors["new_password"]
    )


# --- Profile and password change ---------------------------------------------


@pytest.mark.parametrize(
    "name", ["profile", "password-change", "address-list", "address-create"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    url = reverse(f"accounts:{name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_profile_update_saves_the_details(signed_in, user):
    data = {"first_name": " Augusta ", "last_name": "King", "phone": "+44 20 7946 0000"}

    response = signed_in.post(reverse("accounts:profile"), data, follow=True)

    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone) == (
        "Augusta",
        "King",
        "+44 20 7946 0000",
    )
    assert "Your details have been saved." in response.text


def test_profile_of_an_unverified_user_offers_to_resend_the_link(client):
    unverified = UserFactory(email_verified_at=None)
    client.force_login(unverified)

    response = client.get(reverse("accounts:profile"))

    assert "Not verified" in response.text
    assert "Resend verification email" in response.text


def test_password_change_keeps_the_session_and_replaces_the_password(signed_in, user):
    data = {
        "current_password": DEFAULT_PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD,
    }

    response = signed_in.post(reverse("accounts:password-change"), data)

    assert response["Location"] == reverse("accounts:profile")
    assert signed_in.get(reverse("accounts:profile")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_needs_the_current_password(signed_in, user):
    data = {
        "current_password": "not-the-password",
        "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD,
    }

    response = signed_in.post(reverse("accounts:password-change"), data)

    assert response.context["form"].errors["current_password"] == [
        "Your current password is not correct."
    ]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


# --- Address book ------------------------------------------------------------


def test_first_address_is_created_as_the_default_for_both_uses(signed_in, user):
    response = signed_in.post(reverse("accounts:address-create"), address_data())

    assert response["Location"] == reverse("accounts:address-list")
    address = Address.objects.get(user=user)
    assert (address.city, address.country.code) == ("London", "GB")
    assert address.is_default_shipping
    assert address.is_default_billing
    page = signed_in.get(reverse("accounts:address-list"))
    assert "Default shipping" in page.text
    assert "Default billing" in page.text


def test_address_create_shows_missing_fields(signed_in, user):
    response = signed_in.post(
        reverse("accounts:address-create"), address_data(city="", country="")
    )

    assert set(response.context["form"].errors) == {"city", "country"}
    assert not Address.objects.filter(user=user).exists()


def test_address_update_saves_the_changes(signed_in, user):
    address = AddressFactory(user=user)
    url = reverse("accounts:address-update", args=[address.pk])

    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url, address_data(city="Paris", country="FR"))

    assert response["Location"] == reverse("accounts:address-list")
    address.refresh_from_db()
    assert (address.city, address.country.code) == ("Paris", "FR")


def test_address_delete_asks_first_then_deletes(signed_in, user):
    address = AddressFactory(user=user)
    url = reverse("accounts:address-delete", args=[address.pk])

    confirm = signed_in.get(url)
    assert Address.objects.filter(pk=address.pk).exists()
    response = signed_in.post(url)

    assert confirm.status_code == 200
    assert response["Location"] == reverse("accounts:address-list")
    assert not Address.objects.filter(pk=address.pk).exists()


def test_address_list_deletes_with_htmx_and_links_work_without_it(signed_in, user):
    address = AddressFactory(user=user)
    delete_url = reverse("accounts:address-delete", args=[address.pk])

    page = signed_in.get(reverse("accounts:address-list"))

    assert f'href="{delete_url}"' in page.text
    assert f'hx-post="{delete_url}"' in page.text
    assert 'id="address-book"' in page.text


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("address-update", "get"),
        ("address-update", "post"),
        ("address-delete", "get"),
        ("address-delete", "post"),
    ],
)
def test_another_users_address_answers_404(signed_in, name, method):
    address = AddressFactory()
    url = reverse(f"accounts:{name}", args=[address.pk])

    response = getattr(signed_in, method)(url, address_data(city="Mine now"))

    assert response.status_code == 404
    address.refresh_from_db()
    assert address.city != "Mine now"


def test_address_list_queries_do_not_grow_with_the_addresses(
    signed_in, user, django_assert_max_num_queries
):
    url = reverse("accounts:address-list")
    AddressFactory(user=user)
    with CaptureQueriesContext(connection) as one_address:
        signed_in.get(url)
    AddressFactory.create_batch(9, user=user)

    with django_assert_max_num_queries(len(one_address)):
        response = signed_in.get(url)

    assert len(response.context["addresses"]) == 10
    # Session, user, addresses; and, once then cached, whether the user
    # runs a shop (the header's "Your shop" link).
    assert len(one_address) <= 4
