"""Wishlist events and limits."""

# Events, payload {"user_id", "item_id", "product_id", "shop_id"}.
WISHLIST_ITEM_SAVED = "wishlist.item_saved"
WISHLIST_ITEM_REMOVED = "wishlist.item_removed"

# Hearts whose state one request may ask for (a page shows at most ~50).
MAX_HEART_KEYS = 100
# Saved products per page of the wishlist page; saved shops shown there.
PAGE_SIZE = 24
MAX_SHOPS_SHOWN = 100
