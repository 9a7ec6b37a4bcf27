"""Writing wishlists: save a product or shop (idempotent), remove it.

The storefront hearts, the wishlist page and the API all come here.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from emporium.accounts.models import User
from emporium.catalog.errors import ProductNotFound
from emporium.catalog.selectors import list_visible_products
from emporium.core.events import publish
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.selectors import list_visible_shops
from emporium.wishlists.constants import WISHLIST_ITEM_REMOVED, WISHLIST_ITEM_SAVED
from emporium.wishlists.errors import InvalidWishlistItem, WishlistItemNotFound
from emporium.wishlists.models import WishlistItem


@dataclass(frozen=True, slots=True)
class SavedItem:
    item: WishlistItem
    created: bool  # False: it was saved already, nothing changed


def save_to_wishlist(
    *, user: User, product_id: int | None = None, shop_id: int | None = None
) -> SavedItem:
    """Save a visible product or shop (give one) to the user's wishlist.

    Saving twice keeps the one item (returned with `created=False`); a new
    item publishes `wishlist.item_saved`.

    Raises:
        InvalidWishlistItem: neither or both given.
        ProductNotFound, ShopNotFound: not visible to buyers.
    """
    subject = _subject(product_id=product_id, shop_id=shop_id)
    if product_id is not None:
        if not list_visible_products().filter(pk=product_id).exists():
            raise ProductNotFound("Product not found.")
    elif not list_visible_shops().filter(pk=shop_id).exists():
        raise ShopNotFound("Shop not found.")
    existing = WishlistItem.objects.filter(user=user, **subject).first()
    if existing is not None:
        return SavedItem(existing, created=False)
    try:
        with transaction.atomic():
            item = WishlistItem.objects.create(user=user, **subject)
            publish(WISHLIST_ITEM_SAVED, _payload(item))
    except IntegrityError:  # saved at the same moment by another request
        return SavedItem(WishlistItem.objects.get(user=user, **subject), created=False)
    return SavedItem(item, created=True)


def remove_from_wishlist(*, user: User, item_id: int) -> None:
    """Remove one of the user's items; publishes `wishlist.item_removed`.

    Raises:
        WishlistItemNotFound: no such item, or another user's.
    """
    with transaction.atomic():
        item = WishlistItem.objects.filter(pk=item_id, user=user).first()
        if item is None:
            raise WishlistItemNotFound("Wishlist item not found.")
        payload = _payload(item)
        item.delete()
        publish(WISHLIST_ITEM_REMOVED, payload)


def unsave(
    *, user: User, product_id: int | None = None, shop_id: int | None = None
) -> bool:
    """Remove the product or shop from the user's wishlist if it is there
    (the heart's second click); True when something was removed.

    Raises:
        InvalidWishlistItem: neither or both given.
    """
    subject = _subject(product_id=product_id, shop_id=shop_id)
    item_id = (
        WishlistItem.objects.filter(user=user, **subject)
        .values_list("pk", flat=True)
        .first()
    )
    if item_id is None:
        return False
    try:
        remove_from_wishlist(user=user, item_id=item_id)
    except WishlistItemNotFound:  # removed meanwhile by another request
        return False
    return True


def _subject(*, product_id: int | None, shop_id: int | None) -> dict:
    if (product_id is None) == (shop_id is None):
        raise InvalidWishlistItem(
            "Save either a product or a shop.",
            fields={"non_field_errors": ["Give a product or a shop."]},
        )
    return (
        {"product_id": product_id} if product_id is not None else {"shop_id": shop_id}
    )


def _payload(item: WishlistItem) -> dict:
    return {
        "user_id": str(item.user_id),
        "item_id": item.pk,
        "product_id": item.product_id,
        "shop_id": item.shop_id,
    }
