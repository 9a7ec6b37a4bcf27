"""The API error renderer: every error as {"code", "detail", "fields"}."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import InvalidToken as JwtInvalidToken

from emporium.core.api.exceptions import api_exception_handler
from emporium.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
)


# A domain's errors subclass the core ones (core never imports a domain).
class ParcelNotFound(NotFound):
    default_code = "parcel_not_found"


class ParcelAlreadyShipped(Conflict):
    default_code = "parcel_already_shipped"


class LabelNotPaid(DomainError):
    status_code = 402
    default_code = "label_not_paid"


class WeakPin(InvalidInput):
    default_code = "weak_pin"


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (NotFound("No such parcel."), 404, "not_found"),
        (Forbidden("Not your parcel."), 403, "permission_denied"),
        (Conflict("Already shipped."), 409, "conflict"),
        (DomainError("Cannot ship today."), 422, "domain_error"),
        (DomainError("Out of stock.", code="out_of_stock"), 422, "out_of_stock"),
        (ParcelNotFound("No such parcel."), 404, "parcel_not_found"),
        (ParcelAlreadyShipped("Shipped."), 409, "parcel_already_shipped"),
        (LabelNotPaid("Pay the label first."), 402, "label_not_paid"),
    ],
)
def test_domain_errors_answer_their_status_and_code(error, status, code):
    response = api_exception_handler(error, {})

    assert response.status_code == status
    assert response.data == {"code": code, "detail": error.message}


def test_rate_limited_answers_429_with_retry_after():
    error = RateLimited("Slow down.", retry_after=42, code="too_many_attempts")

    response = api_exception_handler(error, {})

    assert response.status_code == 429
    assert response["Retry-After"] == "42"
    assert response.data == {"code": "too_many_attempts", "detail": "Slow down."}


def test_invalid_input_answers_400_with_its_fields():
    error = InvalidInput(
        "Please correct the address.",
        code="invalid_address",
        fields={"country": ["Select a valid country."]},
    )

    response = api_exception_handler(error, {})

    assert response.status_code == 400
    assert response.data == {
        "code": "invalid_address",
        "detail": "Please correct the address.",
        "fields": {"country": ["Select a valid country."]},
    }


def test_an_invalid_input_subclass_keeps_its_code_and_fields():
    error = WeakPin("Choose a stronger PIN.", fields={"pin": ["Too short."]})

    response = api_exception_handler(error, {})

    assert response.status_code == 400
    assert response.data["code"] == "weak_pin"
    assert response.data["fields"] == {"pin": ["Too short."]}


def test_django_http404_answers_not_found():
    response = api_exception_handler(Http404("secret detail"), {})

    assert response.status_code == 404
    assert response.data["code"] == "not_found"
    assert "secret" not in response.data["detail"]


def test_django_permission_denied_answers_permission_denied():
    response = api_exception_handler(PermissionDenied(), {})

    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"


def test_drf_validation_errors_answer_invalid_with_flattened_fields():
    error = exceptions.ValidationError(
        {"email": ["Enter a valid email address."], "address": {"city": ["Required."]}}
    )

    response = api_exception_handler(error, {})

    assert response.status_code == 400
    assert response.data == {
        "code": "invalid",
        "detail": "Invalid input.",
        "fields": {
            "email": ["Enter a valid email address."],
            "address.city": ["Required."],
        },
    }


def test_drf_throttled_answers_rate_limited_with_retry_after():
    response = api_exception_handler(exceptions.Throttled(wait=12.5), {})

    assert response.status_code == 429
    assert response.data["code"] == "rate_limited"
    assert response["Retry-After"] == "13"  # rounded up, never too early


def test_drf_not_authenticated_answers_not_authenticated():
    response = api_exception_handler(exceptions.NotAuthenticated(), {})

    assert response.status_code == 401
    assert response.data["code"] == "not_authenticated"


def test_simplejwt_invalid_token_keeps_its_token_not_valid_code():
    response = api_exception_handler(JwtInvalidToken(), {})

    assert response.status_code == 401
    assert response.data["code"] == "token_not_valid"
    assert isinstance(response.data["detail"], str)


def test_unexpected_exceptions_are_left_to_the_server_error_handler():
    assert api_exception_handler(RuntimeError("bug"), {}) is None
