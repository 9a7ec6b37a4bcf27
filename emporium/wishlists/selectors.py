"""Reads of wishlists: the items, the saved products as cards, the saved
shops, and which hearts on a page are saved.

Only what buyers may see is listed: an archived product or a suspended
shop stays saved but shows nowhere (catalog's and vendors' visibility
rules), and comes back if it becomes visible again.
"""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from emporium.accounts.models import User
from emporium.catalog.errors import ProductNotFound
from emporium.catalog.models import Product
from emporium.catalog.selectors import list_visible_products
from emporium.inventory.selectors import with_card_data
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.models import Shop
from emporium.vendors.selectors import list_visible_shops
from emporium.wishlists.constants import MAX_HEART_KEYS
from emporium.wishlists.models import WishlistItem


def list_wishlist_items(*, user: User) -> QuerySet[WishlistItem]:
    """The user's visible items, newest first; each product with its card
    data (price, stock, images), each shop loaded: four queries for a page
    of any length."""
    return (
        WishlistItem.objects.filter(user=user)
        .filter(
            Q(product__in=list_visible_products().values("pk"))
            | Q(shop__in=list_visible_shops().values("pk"))
        )
        .select_related("shop")
        .prefetch_related(
            Prefetch("product", queryset=with_card_data(list_visible_products()))
        )
        .order_by("-created_at", "-pk")
    )


def list_saved_product_cards(*, user: User) -> QuerySet[Product]:
    """The visible products the user saved, as product cards, most recently
    saved first (`saved_at`)."""
    products = list_visible_products().filter(wishlist_items__user=user)
    return with_card_data(
        products.annotate(saved_at=F("wishlist_items__created_at"))
    ).order_by("-saved_at", "-pk")


def list_saved_shops(*, user: User) -> QuerySet[Shop]:
    """The visible shops the user saved, most recently saved first."""
    return (
        list_visible_shops()
        .filter(wishlist_items__user=user)
        .annotate(saved_at=F("wishlist_items__created_at"))
        .order_by("-saved_at", "-pk")
    )


@dataclass(frozen=True, slots=True)
class Heart:
    """A heart to draw: its key, the name it is labelled with, its state."""

    kind: str  # "product" or "shop"
    item_id: int
    name: str
    saved: bool

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.item_id}"


def parse_heart_keys(keys: list[str]) -> tuple[set[int], set[int]]:
    """Product and shop ids from keys such as "product-12"; others ignored."""
    product_ids: set[int] = set()
    shop_ids: set[int] = set()
    for key in keys[:MAX_HEART_KEYS]:
        kind, _, number = key.partition("-")
        if number.isdigit() and kind in ("product", "shop"):
            (product_ids if kind == "product" else shop_ids).add(int(number))
    return product_ids, shop_ids


def list_saved_hearts(
    *, user: User, product_ids: set[int], shop_ids: set[int]
) -> list[Heart]:
    """Of the given products and shops, the hearts of those the user saved,
    with their names (one query)."""
    if not user.is_authenticated or not (product_ids or shop_ids):
        return []
    items = (
        WishlistItem.objects.filter(user=user)
        .filter(Q(product_id__in=product_ids) | Q(shop_id__in=shop_ids))
        .select_related("product", "shop")
    )
    return [_heart(item.product, item.shop, saved=True) for item in items]


def get_heart(
    *, user: User, product_id: int | None = None, shop_id: int | None = None
) -> Heart:
    """The heart of one product or shop for `user` (two queries).

    Raises:
        ProductNotFound, ShopNotFound: it does not exist.
    """
    if product_id is not None:
        product = Product.objects.filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.")
        subject, shop = product, None
    else:
        shop = Shop.objects.filter(pk=shop_id).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        subject, product = shop, None
    saved = WishlistItem.objects.filter(
        user=user, **({"product": subject} if product else {"shop": subject})
    ).exists()
    return _heart(product, shop, saved=saved)


def _heart(product: Product | None, shop: Shop | None, *, saved: bool) -> Heart:
    if product is not None:
        return Heart("product", product.pk, product.title, saved)
    return Heart("shop", shop.pk, shop.name, saved)


def resolve_subject(*, product: str = "", shop: str = "") -> dict[str, int]:
    """`product_id=` or `shop_id=` of a visible product or shop named by its
    slug (one query), as the services take them.

    Raises:
        ProductNotFound, ShopNotFound: no visible one has the slug.
    """
    if product:
        product_id = (
            list_visible_products().filter(slug=product).values_list("pk", flat=True)
        ).first()
        if product_id is None:
            raise ProductNotFound("Product not found.")
        return {"product_id": product_id}
    shop_id = (
        list_visible_shops().filter(slug=shop).values_list("pk", flat=True).first()
    )
    if shop_id is None:
        raise ShopNotFound("Shop not found.")
    return {"shop_id": shop_id}
