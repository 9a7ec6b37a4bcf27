"""Checkout errors, each with a stable code (part of the API contract).

Refusals of the layers below pass through with their own codes: pricing's
`voucher_*` and `tax_rate_not_configured`, shipping's
`shipping_method_unavailable`, inventory's `out_of_stock`, orders'
`idempotency_key_reused`, payments' `invalid_card` and
`payment_method_unavailable`.
"""

from emporium.core.errors import Conflict, InvalidInput


class CartEmpty(InvalidInput):
    """Nothing in the cart to check out."""

    default_code = "cart_empty"


class CartChanged(Conflict):
    """The cart changed since the buyer last saw it (a price, a quantity,
    an item sold out, the voucher dropped); the message says what."""

    default_code = "cart_changed"


class CartNotReady(Conflict):
    """An item in the cart can no longer be bought; it must be removed."""

    default_code = "cart_not_ready"


class IdempotencyKeyRequired(InvalidInput):
    default_code = "idempotency_key_required"


class EmailRequired(InvalidInput):
    """A guest checkout needs an email address for the order."""

    default_code = "email_required"


class InvalidCountry(InvalidInput):
    default_code = "invalid_country"


class ShippingMethodRequired(InvalidInput):
    default_code = "shipping_method_required"
