"""Every API error answers JSON `{"code", "detail", "fields"}`; no input is a 500."""

import json

import pytest
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"


def assert_json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code, body
    assert isinstance(body["detail"], str)
    assert set(body) <= {"code", "detail", "fields"}
    return body


def test_validation_error_has_code_invalid_and_fields(api_client):
    response = api_client.post(REGISTER, {"email": "not-an-email"})

    body = assert_json_error(response, 400, "invalid")
    assert body["detail"] == "Invalid input."
    assert body["fields"] == {
        "email": ["Enter a valid email address."],
        "password": ["This field is required."],
    }


def test_a_list_instead_of_an_object_is_400_invalid(api_client):
    response = api_client.post(REGISTER, [{"email": "a@example.com"}])

    body = assert_json_error(response, 400, "invalid")
    assert list(body["fields"]) == ["non_field_errors"]


@pytest.mark.parametrize(
    "path",
    ["/api/nope", "/api/v1/nope", "/api/v1/nope/", "/api/v1/auth/register", "/api/v2/"],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_unknown_api_route_is_json_404_not_found(api_client, path, method):
    response = getattr(api_client, method)(path)

    assert_json_error(response, 404, "not_found")


def test_post_to_an_unknown_api_route_is_404_even_with_csrf_checks():
    client = APIClient(enforce_csrf_checks=True)

    response = client.post("/api/v1/auth/register", {"email": "a@example.com"})

    assert_json_error(response, 404, "not_found")


def test_public_endpoints_need_no_csrf_token():
    client = APIClient(enforce_csrf_checks=True)

    response = client.post(REGISTER, {"email": "not-an-email"})

    assert_json_error(response, 400, "invalid")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", REGISTER),
        ("put", "/api/v1/auth/token/"),
        ("delete", "/api/v1/me/"),
        ("put", "/api/v1/me/addresses/"),
    ],
)
def test_wrong_method_is_405_method_not_allowed(user_client, method, path):
    response = getattr(user_client, method)(path)

    assert_json_error(response, 405, "method_not_allowed")


@pytest.mark.parametrize("body", ["{not json", '{"email": }', "\x00", "NaN"])
def test_malformed_json_is_400_parse_error(api_client, body):
    response = api_client.generic(
        "POST", REGISTER, body, content_type="application/json"
    )

    assert_json_error(response, 400, "parse_error")


def test_empty_body_is_400_invalid(api_client):
    response = api_client.generic("POST", REGISTER, "", content_type="application/json")

    assert_json_error(response, 400, "invalid")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml"],
)
def test_wrong_content_type_is_415_unsupported_media_type(api_client, content_type):
    response = api_client.generic(
        "POST", REGISTER, "email=a@example.com", content_type=content_type
    )

    assert_json_error(response, 415, "unsupported_media_type")


def test_multipart_body_is_415_unsupported_media_type(api_client):
    response = api_client.post(REGISTER, {"email": "a@example.com"}, format="multipart")

    assert_json_error(response, 415, "unsupported_media_type")


def test_unacceptable_accept_header_is_406_not_acceptable(api_client):
    response = api_client.get("/api/v1/me/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


# --- No input makes a 500 ----------------------------------------------------------

ENDPOINTS = [
    ("POST", REGISTER, ["email", "password", "first_name", "last_name"]),
    ("POST", "/api/v1/auth/verify-email/", ["token"]),
    ("POST", "/api/v1/auth/verify-email/resend/", ["email"]),
    ("POST", "/api/v1/auth/token/", ["email", "password"]),
    ("POST", "/api/v1/auth/token/refresh/", ["refresh"]),
    ("POST", "/api/v1/auth/logout/", ["refresh"]),
    ("POST", "/api/v1/auth/password-reset/", ["email"]),
    ("POST", "/api/v1/auth/password-reset/confirm/", ["uid", "token", "new_password"]),
    ("PATCH", "/api/v1/me/", ["first_name", "last_name", "phone", "email"]),
    ("POST", "/api/v1/me/addresses/", ["first_name", "line1", "city", "country"]),
    ("PATCH", "/api/v1/me/addresses/{address}/", ["city", "country", "phone"]),
]

WHOLE_BODIES = [[], [{"email": "a@example.com"}], None, "text", 42, True, 1e308]

FIELD_VALUES = [
    None,
    "",
    " ",
    "x" * 100_000,
    "\x00",
    "a\x00b@example.com",
    12345,
    -1,
    10**40,
    1.5,
    True,
    [],
    ["a"],
    {},
    {"code": "DE"},
    "😀" * 50,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\ufffd\u202e",
]


def hostile_bodies(fields: list[str]):
    yield from WHOLE_BODIES
    for value in FIELD_VALUES:
        yield dict.fromkeys(fields, value)


@pytest.mark.parametrize(
    ("method", "path", "fields"), ENDPOINTS, ids=[e[0] + e[1] for e in ENDPOINTS]
)
def test_no_hostile_body_makes_a_500(user_client, user, method, path, fields):
    path = path.format(address=AddressFactory(user=user).pk)
    failures = []

    for body in hostile_bodies(fields):
        response = user_client.generic(
            method, path, json.dumps(body), content_type="application/json"
        )
        is_json_error = response.status_code < 400 or "code" in response.json()
        if response.status_code >= 500 or not is_json_error:
            failures.append((body, response.status_code, response.content[:200]))

    assert failures == []


def test_deeply_nested_json_is_400_parse_error(api_client):
    body = "[" * 100_000 + "]" * 100_000

    response = api_client.generic(
        "POST", REGISTER, body, content_type="application/json"
    )

    assert_json_error(response, 400, "parse_error")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/me/addresses/abc/",
        "/api/v1/me/addresses/99999999999999999999999999999/",
        "/api/v1/me/addresses/1/%00/",
        "/api/v1/me/addresses/" + "9" * 5000 + "/",
    ],
)
def test_odd_address_ids_are_404(user_client, path):
    response = user_client.get(path)

    assert response.status_code == 404
    assert response.json()["code"] in {"not_found", "address_not_found"}


def test_expired_or_garbage_access_token_is_401_token_not_valid(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer abc.def.ghi")

    response = api_client.get("/api/v1/me/")

    assert_json_error(response, 401, "token_not_valid")
