"""Log-in checks (authenticate_user), without the throttle's limits."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from emporium.accounts.errors import EmailNotVerified, InvalidCredentials
from emporium.accounts.models import User
from emporium.accounts.services import authenticate_user
from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_authenticate_user_with_the_right_password_returns_the_user(user, make_request):
    authenticated = authenticate_user(
        request=make_request(), email="ann@example.com", password=DEFAULT_PASSWORD
    )

    assert authenticated == user


def test_authenticate_user_matches_the_email_regardless_of_case_and_spaces(
    user, make_request
):
    authenticated = authenticate_user(
        request=make_request(), email=" ANN@Example.com ", password=DEFAULT_PASSWORD
    )

    assert authenticated == user


def test_authenticate_user_with_a_wrong_password_raises_invalid_credentials(
    user, make_request
):
    with pytest.raises(InvalidCredentials) as excinfo:
        authenticate_user(
            request=make_request(), email="ann@example.com", password="not-it-at-all"
        )

    assert excinfo.value.code == "invalid_credentials"
    assert excinfo.value.status_code == 401


def test_authenticate_user_with_an_unknown_email_raises_the_same_error(
    user, make_request
):
    with pytest.raises(InvalidCredentials) as unknown:
        authenticate_user(
            request=make_request(), email="nobody@example.com", password="whatever-1"
        )
    with pytest.raises(InvalidCredentials) as wrong:
        authenticate_user(
            request=make_request(), email="ann@example.com", password="whatever-1"
        )

    assert unknown.value.code == wrong.value.code == "invalid_credentials"
    assert unknown.value.message == wrong.value.message


def test_authenticate_user_with_an_unverified_email_raises_email_not_verified(
    make_request,
):
    UserFactory(email="ann@example.com", email_verified_at=None)

    with pytest.raises(EmailNotVerified) as excinfo:
        authenticate_user(
            request=make_request(), email="ann@example.com", password=DEFAULT_PASSWORD
        )

    assert excinfo.value.code == "email_not_verified"
    assert excinfo.value.status_code == 403


def test_authenticate_user_allows_unverified_email_when_verification_not_required(
    make_request, settings
):
    settings.ACCOUNTS_REQUIRE_VERIFIED_EMAIL = False
    unverified = UserFactory(email="ann@example.com", email_verified_at=None)

    authenticated = authenticate_user(
        request=make_request(), email="ann@example.com", password=DEFAULT_PASSWORD
    )

    assert authenticated == unverified


def test_authenticate_user_refuses_an_inactive_user_with_the_right_password(
    make_request,
):
    UserFactory(email="ann@example.com", is_active=False)

    with pytest.raises(InvalidCredentials) as excinfo:
        authenticate_user(
            request=make_request(), email="ann@example.com", password=DEFAULT_PASSWORD
        )

    assert excinfo.value.code == "invalid_credentials"


def test_authenticate_user_refuses_a_user_without_a_usable_password(make_request):
    no_password = UserFactory(email="ann@example.com")
    no_password.set_unusable_password()
    no_password.save()

    with pytest.raises(InvalidCredentials) as excinfo:
        authenticate_user(request=make_request(), email="ann@example.com", password="")

    assert excinfo.value.code == "invalid_credentials"


def test_user_added_in_the_admin_with_a_capitalised_email_can_log_in(make_request):
    add_form = admin.site._registry[User].get_form(RequestFactory().get("/"), None)
    form = add_form(
        data={
            "email": "Cleo@Example.COM",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "usable_password": "true",
        }
    )
    assert form.is_valid(), form.errors
    added = form.save()
    User.objects.filter(pk=added.pk).update(email_verified_at=added.date_joined)

    authenticated = authenticate_user(
        request=make_request(), email="Cleo@Example.COM", password=DEFAULT_PASSWORD
    )

    assert authenticated == added
    assert authenticated.email == "cleo@example.com"
