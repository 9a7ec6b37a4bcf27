"""Which cart a request works on, merging a guest cart into an account's.

Both edges call `resolve_cart` with the signed-in user (or None) and the
guest token they carry (storefront cookie, API header). A cart is created
only by adding to it (`lines.add_line`), so reading an empty cart writes
nothing.
"""

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.cart.constants import MAX_LINE_QUANTITY, MessageCode
from emporium.cart.models import Cart, CartLine
from emporium.cart.revalidation import quantity_reduced_message
from emporium.cart.selectors import (
    availability_of,
    find_guest_cart,
    find_user_cart,
    map_offers_for_cart,
)
from emporium.cart.types import CartMessage, ResolvedCart, display_name
from emporium.core.money import default_currency


def resolve_cart(*, user: User | None, token: str | None) -> ResolvedCart:
    """The cart of this request; merges a guest cart into a signed-in user's.

    A guest (`user` None or anonymous) gets the guest cart of `token`, if
    any. A signed-in user gets their own cart; when `token` names a guest
    cart too, it is merged in first (`merge_guest_cart`). An unknown or
    malformed token is ignored (`forget_token` tells the edge to drop it).
    Creates no cart.
    """
    guest = find_guest_cart(token=token) if token else None
    signed_in = user is not None and user.is_authenticated
    if not signed_in:
        return ResolvedCart(cart=guest, forget_token=bool(token) and guest is None)
    if guest is None:
        return ResolvedCart(cart=find_user_cart(user=user), forget_token=bool(token))
    cart, messages = merge_guest_cart(guest=guest, user=user)
    return ResolvedCart(cart=cart, forget_token=True, messages=messages)


def merge_guest_cart(
    *, guest: Cart, user: User
) -> tuple[Cart | None, tuple[CartMessage, ...]]:
    """Move a guest cart into `user`'s cart, then delete the guest cart.

    Without a cart of their own the user simply takes the guest cart over
    (with a new token). Otherwise lines of the same offer add up, capped by
    what is available (a message says so), the others move across, and
    the user's voucher wins over the guest's. Locks both carts (in pk
    order); a guest cart already merged by a concurrent request is left
    alone. Returns the user's cart (None only if both vanished).
    """
    with transaction.atomic():
        target = find_user_cart(user=user)
        if target is None:
            adopted = _adopt(guest=guest, user=user)
            if adopted is not None:
                return adopted, ()
            target = find_user_cart(user=user)
            if target is None:
                return None, ()
        locked = {
            cart.pk: cart
            for cart in Cart.objects.select_for_update()
            .filter(pk__in=[guest.pk, target.pk])
            .order_by("pk")
        }
        if guest.pk not in locked or target.pk not in locked:
            return find_user_cart(user=user), ()
        guest, target = locked[guest.pk], locked[target.pk]
        messages = _move_lines(source=guest, target=target)
        target.voucher_code = target.voucher_code or guest.voucher_code
        target.save(update_fields=["voucher_code", "updated_at"])
        guest.delete()
    return target, messages


def _adopt(*, guest: Cart, user: User) -> Cart | None:
    """Give the guest cart to a user who has none; None if that failed
    (the guest cart is gone, or the user got a cart meanwhile)."""
    try:
        with transaction.atomic():
            taken = Cart.objects.filter(pk=guest.pk, user__isnull=True).update(
                user=user, token=uuid.uuid4(), updated_at=timezone.now()
            )
    except IntegrityError:
        return None  # cart_one_per_user: a concurrent request made one
    return Cart.objects.filter(pk=guest.pk).first() if taken else None


def _move_lines(*, source: Cart, target: Cart) -> tuple[CartMessage, ...]:
    """Add `source`'s lines to `target` (see `merge_guest_cart`)."""
    incoming = list(source.lines.all())
    if not incoming:
        return ()
    existing = {
        line.offer_id: line
        for line in target.lines.filter(offer_id__in=[i.offer_id for i in incoming])
    }
    offers = map_offers_for_cart(existing)
    now = timezone.now()
    grown, moved = [], []
    messages = [
        CartMessage(
            MessageCode.CARTS_MERGED,
            "We added the items you picked before signing in to your cart.",
        )
    ]
    for line in incoming:
        mine = existing.get(line.offer_id)
        if mine is None:
            moved.append(line.pk)
            continue
        mine.offer = offers[line.offer_id]
        quantity = min(mine.quantity + line.quantity, MAX_LINE_QUANTITY)
        limit = availability_of(mine.offer).limit
        # Out of stock (limit 0): the next read marks the line unavailable.
        if limit and quantity > limit:
            quantity = limit
            messages.append(
                quantity_reduced_message(mine.pk, display_name(mine.offer), limit)
            )
        mine.quantity, mine.updated_at = quantity, now
        grown.append(mine)
    CartLine.objects.filter(pk__in=moved).update(cart=target, updated_at=now)
    CartLine.objects.bulk_update(grown, ["quantity", "updated_at"])
    return tuple(messages)


def create_cart(*, user: User | None, currency: str | None = None) -> Cart:
    """A new guest cart, or the user's cart (theirs if one appeared
    meanwhile: at most one per user). Call inside a transaction; the user's
    cart comes back locked."""
    currency = currency or default_currency()
    if user is None:
        return Cart.objects.create(currency=currency)
    try:
        with transaction.atomic():
            return Cart.objects.create(user=user, currency=currency)
    except IntegrityError:
        return Cart.objects.select_for_update().get(user=user)


def lock_cart(cart: Cart) -> Cart | None:
    """The cart row, locked for the caller's transaction; None if deleted.

    Every change to a cart's lines takes this lock first, so two requests
    on one cart (a double click, two tabs) run one after the other.
    """
    return Cart.objects.select_for_update().filter(pk=cart.pk).first()


def delete_abandoned_guest_carts(*, older_than_days: int = 30) -> int:
    """Delete guest carts unchanged for `older_than_days`; return how many.

    Their cookie has expired by then (`CART_COOKIE_MAX_AGE`). Users' carts
    are kept.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    stale = Cart.objects.filter(user__isnull=True, updated_at__lt=cutoff)
    _, by_model = stale.delete()
    return by_model.get(Cart._meta.label, 0)
