"""Wishlist errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import InvalidInput, NotFound


class WishlistItemNotFound(NotFound):
    """No such item, or another user's (the same answer)."""

    default_code = "wishlist_item_not_found"


class InvalidWishlistItem(InvalidInput):
    """Neither or both of a product and a shop were given."""

    default_code = "invalid_wishlist_item"
