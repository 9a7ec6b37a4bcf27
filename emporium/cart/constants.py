"""Cart choices, limits and the names of the guest-token carriers."""

from django.db import models

# Most units of one offer a cart line holds (a shop, not a wholesale desk).
MAX_LINE_QUANTITY = 999

# The guest cart's token: a cookie in the storefront, a header in the API.
CART_COOKIE = "cart"
CART_TOKEN_HEADER = "X-Cart-Token"  # noqa: S105 - a header name
# A guest cart cookie lives this long after the cart last changed.
CART_COOKIE_MAX_AGE = 60 * 60 * 24 * 30


class LineStatus(models.TextChoices):
    """What the latest read found about a line (see docs/cart.md)."""

    OK = "ok", "OK"
    PRICE_CHANGED = "price_changed", "Price changed"
    QUANTITY_REDUCED = "quantity_reduced", "Quantity reduced"
    UNAVAILABLE = "unavailable", "Unavailable"


class MessageCode(models.TextChoices):
    """Codes of the messages a read or a merge returns (once)."""

    PRICE_CHANGED = "price_changed", "Price changed"
    QUANTITY_REDUCED = "quantity_reduced", "Quantity reduced"
    UNAVAILABLE = "unavailable", "No longer available"
    AVAILABLE_AGAIN = "available_again", "Available again"
    VOUCHER_REMOVED = "voucher_removed", "Voucher removed"
    CARTS_MERGED = "carts_merged", "Carts merged"
