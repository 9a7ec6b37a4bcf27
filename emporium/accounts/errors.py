"""Account errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, DomainError, InvalidInput, NotFound


class EmailAlreadyRegistered(Conflict):
    default_code = "email_taken"


class InvalidCredentials(DomainError):
    status_code = 401
    default_code = "invalid_credentials"


class EmailNotVerified(DomainError):
    status_code = 403
    default_code = "email_not_verified"


class InvalidToken(InvalidInput):
    default_code = "invalid_token"


class TokenExpired(InvalidInput):
    default_code = "token_expired"


class WeakPassword(InvalidInput):
    default_code = "weak_password"


class AddressNotFound(NotFound):
    default_code = "address_not_found"


class AddressLimitReached(Conflict):
    default_code = "address_limit_reached"


class InvalidAddress(InvalidInput):
    default_code = "invalid_address"


class TokenNotValid(DomainError):
    """An API token that is malformed, expired or revoked."""

    status_code = 401
    default_code = "token_not_valid"
