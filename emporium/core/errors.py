"""The error model every domain uses.

Services raise a `DomainError` subclass; the API handler and the storefront
render its `code` (stable, snake_case, part of the API contract) and its
human `message`. The HTTP status follows from the class.
"""

from typing import Any


class DomainError(Exception):
    """A business rule refused the operation."""

    status_code = 422
    default_code = "domain_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.extra = extra or {}


class NotFound(DomainError):
    status_code = 404
    default_code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    default_code = "permission_denied"


class Conflict(DomainError):
    status_code = 409
    default_code = "conflict"


class InvalidInput(DomainError):
    """Input that passed validation but breaks a rule; may name fields."""

    status_code = 400
    default_code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(message, code=code, extra=extra)
        self.fields = fields or {}


class RateLimited(DomainError):
    status_code = 429
    default_code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code, extra={"retry_after": retry_after})
        self.retry_after = retry_after
