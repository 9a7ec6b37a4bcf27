"""Add, change and remove cart lines.

Every change locks the cart row first (`carts.lock_cart`), so concurrent
changes to one cart queue up: two adds of one offer make one line holding
both quantities. Stock is checked, not reserved: checkout reserves it.
"""

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.cart.constants import MAX_LINE_QUANTITY
from emporium.cart.errors import (
    CartLineNotFound,
    InsufficientStock,
    InvalidCartQuantity,
    OfferCurrencyMismatch,
    OutOfStock,
)
from emporium.cart.models import Cart, CartLine
from emporium.cart.selectors import (
    availability_of,
    find_offer_for_sku,
    get_offer_for_cart,
    map_offers_for_cart,
)
from emporium.cart.services.carts import create_cart, lock_cart
from emporium.cart.types import AddedLine, display_name
from emporium.catalog.models import Offer
from emporium.core.money import default_currency
from emporium.pricing.selectors import unit_price


def _check_quantity(quantity: int, *, allow_zero: bool = False) -> None:
    low = 0 if allow_zero else 1
    whole = isinstance(quantity, int) and not isinstance(quantity, bool)
    if not (whole and low <= quantity <= MAX_LINE_QUANTITY):
        message = f"Enter a whole number from {low} to {MAX_LINE_QUANTITY}."
        raise InvalidCartQuantity(message, fields={"quantity": [message]})


def _check_stock(offer: Offer, *, quantity: int, in_cart: int, name: str) -> None:
    """Refuse a line of `quantity` units the offer cannot supply now."""
    if quantity > MAX_LINE_QUANTITY:
        message = f"A cart holds at most {MAX_LINE_QUANTITY} of an item."
        raise InvalidCartQuantity(message, fields={"quantity": [message]})
    availability = availability_of(offer)
    if not availability.is_visible:
        raise OutOfStock(f"{name} is no longer available.", extra={"available": 0})
    limit = availability.limit
    if limit is None or quantity <= limit:
        return
    if limit == 0:
        raise OutOfStock(f"{name} is out of stock.", extra={"available": 0})
    already = f" ({in_cart} already in your cart)" if in_cart else ""
    raise InsufficientStock(
        f"Only {limit} of {name} available{already}.",
        extra={"available": limit, "in_cart": in_cart},
    )


def add_line(
    *,
    cart: Cart | None,
    user: User | None,
    quantity: int,
    offer_id: int | None = None,
    sku: str | None = None,
) -> AddedLine:
    """Put `quantity` units of an offer (by id, or the best for a SKU) in
    the cart; an offer already there grows by `quantity`.

    With no `cart`, creates one (the user's, or a guest cart) in the same
    transaction, so a refused add leaves nothing behind. Records the unit
    price now as the price the buyer saw.

    Raises:
        InvalidCartQuantity: not 1 to `MAX_LINE_QUANTITY`, also in total.
        OfferNotFound: no visible offer with this id.
        SkuNotFound, AmbiguousSku: see `selectors.find_offer_for_sku`.
        OfferCurrencyMismatch: the offer is in another currency.
        OutOfStock, InsufficientStock: fewer units available (says how many).
    """
    _check_quantity(quantity)
    currency = cart.currency if cart is not None else default_currency()
    if offer_id is not None:
        offer = get_offer_for_cart(offer_id=offer_id)
    else:
        offer = find_offer_for_sku(sku=sku or "", currency=currency)
    if offer.currency != currency:
        raise OfferCurrencyMismatch(
            f"This cart is in {currency}; the offer is priced in {offer.currency}.",
            extra={"cart_currency": currency, "offer_currency": offer.currency},
        )
    with transaction.atomic():
        locked = lock_cart(cart) if cart is not None else None
        created = locked is None
        if locked is None:
            locked = create_cart(user=user, currency=currency)
        line = CartLine.objects.filter(cart=locked, offer=offer).first()
        in_cart = line.quantity if line else 0
        _check_stock(
            offer,
            quantity=in_cart + quantity,
            in_cart=in_cart,
            name=display_name(offer),
        )
        line = _save_line(locked, line, offer, in_cart + quantity)
        locked.save(update_fields=["updated_at"])
    return AddedLine(cart=locked, line=line, created_cart=created)


def _save_line(cart: Cart, line: CartLine | None, offer: Offer, quantity: int):
    price = unit_price(offer)
    if line is None:
        return CartLine.objects.create(
            cart=cart,
            offer=offer,
            quantity=quantity,
            price_seen_amount=price.amount,
            currency=price.currency,
        )
    line.quantity = quantity
    line.price_seen_amount, line.currency = price.amount, price.currency
    line.is_available = True
    line.save()
    return line


def update_line_quantity(
    *, cart: Cart | None, line_id: int, quantity: int
) -> CartLine | None:
    """Set a line's quantity; 0 removes the line (then returns None).

    Lowering is always allowed; raising checks the stock as `add_line`
    does. Locks the cart.

    Raises:
        InvalidCartQuantity: not 0 to `MAX_LINE_QUANTITY`.
        CartLineNotFound: no such line in this cart (another cart's too).
        OutOfStock, InsufficientStock: raising past what is available.
    """
    _check_quantity(quantity, allow_zero=True)
    if quantity == 0:
        remove_line(cart=cart, line_id=line_id)
        return None
    with transaction.atomic():
        line = _locked_line(cart, line_id)
        if quantity > line.quantity:
            offer = map_offers_for_cart([line.offer_id])[line.offer_id]
            _check_stock(
                offer,
                quantity=quantity,
                in_cart=line.quantity,
                name=display_name(offer),
            )
        line.quantity = quantity
        line.save(update_fields=["quantity", "updated_at"])
        Cart.objects.filter(pk=line.cart_id).update(updated_at=timezone.now())
    return line


def remove_line(*, cart: Cart | None, line_id: int) -> None:
    """Take a line out of the cart. Locks the cart.

    Raises:
        CartLineNotFound: no such line in this cart (another cart's too).
    """
    with transaction.atomic():
        line = _locked_line(cart, line_id)
        line.delete()
        Cart.objects.filter(pk=line.cart_id).update(updated_at=timezone.now())


def _locked_line(cart: Cart | None, line_id: int) -> CartLine:
    """The line `line_id` of `cart`, with the cart locked; else 404."""
    locked = lock_cart(cart) if cart is not None else None
    line = (
        CartLine.objects.filter(cart=locked, pk=line_id).first()
        if locked is not None
        else None
    )
    if line is None:
        raise CartLineNotFound("This item is not in your cart.")
    return line


def clear_cart(*, cart: Cart | None) -> None:
    """Empty the cart once checkout turned it into an order.

    Every line and the voucher go; the cart itself (and a guest's token)
    stays, so the buyer's next add starts from an empty cart. Locks the
    cart; runs in the caller's transaction, if any (checkout's, so the
    order and the emptied cart commit together).
    """
    if cart is None:
        return
    with transaction.atomic():
        locked = lock_cart(cart)
        if locked is None:
            return
        locked.lines.all().delete()
        locked.voucher_code = ""
        locked.save(update_fields=["voucher_code", "updated_at"])
