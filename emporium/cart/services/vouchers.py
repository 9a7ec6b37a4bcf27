"""Put a voucher code on a cart, or take it off.

Whether a code applies is pricing's decision (`find_applicable_voucher`);
its refusals pass through with their codes. Every read checks it again.
"""

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.cart.models import Cart
from emporium.cart.selectors import list_cart_lines, price_cart_lines
from emporium.cart.services.carts import lock_cart
from emporium.cart.services.reads import check_cart_lines
from emporium.core.money import default_currency
from emporium.pricing.services import find_applicable_voucher
from emporium.pricing.vouchers import VoucherTerms


def apply_voucher(
    *, cart: Cart | None, code: str, customer: User | None = None
) -> VoucherTerms:
    """Check `code` against the cart's sellable lines now and keep it.

    Lines are judged as a read would see them (a price or stock change
    counts), but nothing about them is stored here: the next read reports
    it. An empty or absent cart has no line in scope. Locks the cart.

    Raises:
        VoucherError: every refusal of `find_applicable_voucher`, with its
            code (`voucher_not_found`, `voucher_minimum_not_met`, ...).
    """
    if cart is None:
        return find_applicable_voucher(
            code=code, lines=[], currency=default_currency(), customer=customer
        )
    with transaction.atomic():
        locked = lock_cart(cart)
        views = check_cart_lines(list_cart_lines(cart=locked))[0] if locked else []
        terms = find_applicable_voucher(
            code=code,
            lines=price_cart_lines(lines=views),
            currency=cart.currency,
            customer=customer,
        )
        if locked is not None:
            locked.voucher_code = terms.code
            locked.save(update_fields=["voucher_code", "updated_at"])
    return terms


def remove_voucher(*, cart: Cart | None) -> None:
    """Take the voucher off the cart (nothing happens without one)."""
    if cart is not None and cart.voucher_code:
        Cart.objects.filter(pk=cart.pk).update(
            voucher_code="", updated_at=timezone.now()
        )
        cart.voucher_code = ""
