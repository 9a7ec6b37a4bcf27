"""Cart errors, each with a stable code (part of the API contract).

Voucher refusals are pricing's `VoucherError`s and pass through unchanged;
an unknown offer is catalog's `OfferNotFound` (`offer_not_found`).
"""

from emporium.core.errors import Conflict, DomainError, InvalidInput, NotFound


class CartLineNotFound(NotFound):
    """No line with this id in the caller's cart (another cart's line too)."""

    default_code = "cart_line_not_found"


class SkuNotFound(NotFound):
    default_code = "sku_not_found"


class AmbiguousSku(Conflict):
    """Several different products are sold under this SKU: name the offer."""

    default_code = "ambiguous_sku"


class InvalidCartQuantity(InvalidInput):
    default_code = "invalid_quantity"


class OutOfStock(Conflict):
    default_code = "out_of_stock"


class InsufficientStock(Conflict):
    """Fewer units are available than the line would hold."""

    default_code = "insufficient_stock"


class OfferCurrencyMismatch(DomainError):
    """The offer is priced in another currency than the cart."""

    default_code = "offer_currency_mismatch"
