"""The signed-in user's profile: GET/PATCH /api/v1/me/."""

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from emporium.accounts.models import User

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def test_me_without_credentials_is_401_not_authenticated(api_client):
    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_with_a_garbage_access_token_is_401_token_not_valid(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")

    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_me_with_an_expired_access_token_is_401_token_not_valid(api_client, user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-AccessToken.lifetime)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_me_returns_the_profile(user_client, user):
    response = user_client.get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": str(user.pk),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": "",
        "is_email_verified": True,
        "date_joined": user.date_joined.isoformat().replace("+00:00", "Z"),
    }


def test_me_patch_changes_names_and_phone(user_client, user):
    response = user_client.patch(
        ME, {"first_name": " Grace ", "last_name": "Hopper", "phone": "+49 30 1234"}
    )

    assert response.status_code == 200
    assert response.json()["first_name"] == "Grace"
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone) == (
        "Grace",
        "Hopper",
        "+49 30 1234",
    )


def test_me_patch_changes_only_the_fields_given(user_client, user):
    last_name = user.last_name

    response = user_client.patch(ME, {"phone": "+1 555 0100"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.phone, user.last_name) == ("+1 555 0100", last_name)


def test_me_patch_cannot_change_the_email(user_client, user):
    email = user.email

    response = user_client.patch(ME, {"email": "new@example.com", "first_name": "X"})

    assert response.status_code == 200
    assert response.json()["email"] == email
    assert User.objects.get(pk=user.pk).email == email


@pytest.mark.parametrize(
    "payload",
    [{"phone": "1" * 33}, {"first_name": "x" * 151}, {"last_name": None}],
)
def test_me_patch_with_bad_values_is_400_invalid(user_client, payload):
    response = user_client.patch(ME, payload)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == set(payload)


def test_me_patch_without_credentials_is_401(api_client):
    response = api_client.patch(ME, {"first_name": "Mallory"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
