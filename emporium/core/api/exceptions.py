"""One renderer for every API error: `{"code", "detail", "fields"}`.

DRF exceptions, Django's Http404/PermissionDenied, simplejwt's token errors
and our `DomainError`s all come out in the same shape with a stable code.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from emporium.core.errors import DomainError, InvalidInput, RateLimited

logger = logging.getLogger(__name__)

DRF_CODES = {
    exceptions.ParseError: "parse_error",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
}


def error_body(code: str, detail: str, fields: dict | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "detail": detail}
    if fields:
        body["fields"] = fields
    return body


def _flatten_fields(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested validation detail into {"field.sub": [messages]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            fields.update(_flatten_fields(value, name))
    elif isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            fields[prefix or "non_field_errors"] = [str(item) for item in data]
        else:
            for index, item in enumerate(data):
                fields.update(_flatten_fields(item, f"{prefix}.{index}"))
    else:
        fields[prefix or "non_field_errors"] = [str(data)]
    return fields


def _validation_response(exc: exceptions.ValidationError) -> Response:
    fields = _flatten_fields(exc.detail)
    non_field = fields.get("non_field_errors")
    detail = non_field[0] if non_field and len(fields) == 1 else "Invalid input."
    return Response(error_body("invalid", detail, fields), status=400)


def _code_for(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, dict):  # simplejwt: {"detail": ..., "code": ...}
        codes = codes.get("code")
    for cls, code in DRF_CODES.items():
        if isinstance(exc, cls):
            # A view, or a subclass such as simplejwt's InvalidToken
            # ("token_not_valid"), may carry a more precise code.
            if isinstance(codes, str) and codes not in (cls.default_code, "error"):
                return codes
            return code
    return codes if isinstance(codes, str) else exc.default_code


def _detail_for(exc: exceptions.APIException) -> str:
    detail = exc.detail
    if isinstance(detail, dict):
        detail = detail.get("detail", exc.default_detail)
    if isinstance(detail, list):
        detail = detail[0] if detail else exc.default_detail
    return str(detail)


def _domain_response(exc: DomainError) -> Response:
    fields = exc.fields if isinstance(exc, InvalidInput) else None
    body = error_body(exc.code, exc.message, fields)
    response = Response(body, status=exc.status_code)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF EXCEPTION_HANDLER: render every error in the one shape."""
    if isinstance(exc, DomainError):
        set_rollback()
        return _domain_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: Django's handler500 answers (JSON under /api/)
    set_rollback()
    if isinstance(exc, exceptions.ValidationError):
        return _validation_response(exc)
    response = Response(
        error_body(_code_for(exc), _detail_for(exc)), status=exc.status_code
    )
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        response["Retry-After"] = str(int(exc.wait))
    return response


def api_error_response(code: str, detail: str, http_status: int) -> Response:
    return Response(error_body(code, detail), status=http_status)


__all__ = ["api_error_response", "api_exception_handler", "error_body", "status"]
