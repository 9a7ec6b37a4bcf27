"""Shipping errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import DomainError, InvalidInput


class ShippingMethodNotAvailable(DomainError):
    """The chosen method does not ship this cart to this address (any more)."""

    default_code = "shipping_method_unavailable"


class InvalidShippingRequest(InvalidInput):
    """A quote was asked for an unknown country, a negative weight or total."""

    default_code = "invalid_shipping_request"


class InvalidShippingRate(InvalidInput):
    """A zone, method or bracket breaks a rule (overlap, negative, currency)."""

    default_code = "invalid_shipping_rate"
