"""Writes of carts, one module per idea; import from here."""

from emporium.cart.services.carts import (
    delete_abandoned_guest_carts,
    merge_guest_cart,
    resolve_cart,
)
from emporium.cart.services.lines import (
    add_line,
    clear_cart,
    remove_line,
    update_line_quantity,
)
from emporium.cart.services.reads import read_cart
from emporium.cart.services.vouchers import apply_voucher, remove_voucher

__all__ = [
    "add_line",
    "apply_voucher",
    "clear_cart",
    "delete_abandoned_guest_carts",
    "merge_guest_cart",
    "read_cart",
    "remove_line",
    "remove_voucher",
    "resolve_cart",
    "update_line_quantity",
]
