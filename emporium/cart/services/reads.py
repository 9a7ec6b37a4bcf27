"""The cart read: re-check every line against the offer now, store what
changed, and return the lines, the messages (once) and the summary."""

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.cart.constants import MessageCode
from emporium.cart.models import Cart, CartLine
from emporium.cart.revalidation import LineCheck, check_line
from emporium.cart.selectors import availability_of, get_cart_summary, list_cart_lines
from emporium.cart.services.carts import lock_cart
from emporium.cart.types import CartMessage, CartView, LineView, display_name
from emporium.pricing.errors import VoucherError
from emporium.pricing.selectors import unit_price

STORED_FIELDS = ["quantity", "price_seen_amount", "currency", "is_available"]


def read_cart(*, cart: Cart | None, customer: User | None = None) -> CartView:
    """The cart as the buyer should see it now; stores what changed.

    Each line is checked (`revalidation.check_line`): a new price becomes
    the price seen, a quantity above what is available is lowered, an offer
    no longer sold is marked unavailable (kept, but not counted). The
    voucher is checked again and dropped when it no longer applies. The
    messages saying so come back once: the next read finds nothing new.
    Locks the cart while it writes; a fixed number of queries whatever the
    number of lines. `customer` is for the voucher's per-customer limit.
    """
    if cart is None:
        return _empty_view()
    with transaction.atomic():
        locked = lock_cart(cart)
        if locked is None:
            return _empty_view()
        views, messages, changed = check_cart_lines(list_cart_lines(cart=locked))
        if changed:
            CartLine.objects.bulk_update(changed, [*STORED_FIELDS, "updated_at"])
        try:
            summary = get_cart_summary(cart=locked, lines=views, customer=customer)
        except VoucherError as exc:
            messages.append(
                CartMessage(
                    MessageCode.VOUCHER_REMOVED,
                    f"The voucher {locked.voucher_code} was removed: {exc.message}",
                )
            )
            locked.voucher_code = ""
            locked.save(update_fields=["voucher_code", "updated_at"])
            summary = get_cart_summary(cart=locked, lines=views, customer=customer)
    return CartView(
        cart=locked, lines=tuple(views), summary=summary, messages=tuple(messages)
    )


def _empty_view() -> CartView:
    return CartView(cart=None, lines=(), summary=get_cart_summary(cart=None, lines=()))


def check_cart_lines(
    lines: list[CartLine],
) -> tuple[list[LineView], list[CartMessage], list[CartLine]]:
    """Each line's view, the messages, and the lines to store again.

    Pure but for the lines it updates in memory; the caller stores them.
    """
    views, messages, changed = [], [], []
    now = timezone.now()
    for line in lines:
        availability = availability_of(line.offer)
        check = check_line(
            line_id=line.pk,
            name=display_name(line.offer),
            quantity=line.quantity,
            price_seen=line.price_seen,
            was_available=line.is_available,
            unit_price=unit_price(line.offer),
            availability=availability,
        )
        if _apply(line, check):
            line.updated_at = now
            changed.append(line)
        messages.extend(check.messages)
        views.append(
            LineView(
                line=line,
                status=check.status,
                unit_price=check.unit_price,
                available_quantity=availability.limit,
                previous_unit_price=check.previous_unit_price,
                previous_quantity=check.previous_quantity,
            )
        )
    return views, messages, changed


def _apply(line: CartLine, check: LineCheck) -> bool:
    """Copy the check's outcome onto the line; True when something changed."""
    before = [getattr(line, name) for name in STORED_FIELDS]
    line.quantity = check.quantity
    line.price_seen_amount = check.price_seen.amount
    line.currency = check.price_seen.currency
    line.is_available = check.is_available
    return before != [getattr(line, name) for name in STORED_FIELDS]
