"""Checkout limits, session keys and the header of the API's idempotency key."""

# The API's idempotency key travels in this header (one per order attempt).
IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"

# Shipping rates are entered as the buyer pays them (gross), like the
# prices of shops that enter gross prices; tax is worked out of them.
SHIPPING_PRICES_INCLUDE_TAX = True

# The storefront's one-time form tokens, kept in the session: each render of
# the checkout form issues one; the newest this many are honoured.
SESSION_FORM_TOKENS = "checkout_form_tokens"
MAX_FORM_TOKENS = 20
# Orders placed in this browser session, which it may open without a link.
SESSION_ORDERS = "checkout_orders"
MAX_SESSION_ORDERS = 20
