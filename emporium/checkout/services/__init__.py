"""Writes of checkout, one module per idea; import them from here.

Both edges (API and storefront) call `place_checkout`; see docs/checkout.md.
"""

from emporium.checkout.services.paying import (
    confirm_order_payment,
    latest_payment,
    pay_order,
    payment_return_url,
)
from emporium.checkout.services.placing import place_checkout
from emporium.checkout.services.reorder import Reordered, reorder
from emporium.checkout.services.summary import (
    list_shipping_options,
    summarize_checkout,
)

__all__ = [
    "Reordered",
    "confirm_order_payment",
    "latest_payment",
    "list_shipping_options",
    "pay_order",
    "payment_return_url",
    "place_checkout",
    "reorder",
    "summarize_checkout",
]
