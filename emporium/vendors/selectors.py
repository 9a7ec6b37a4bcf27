"""Reads of shops: what buyers see, and which shops a vendor runs."""

from django.db.models import QuerySet

from emporium.accounts.models import User
from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import NotShopMember, ShopNotFound, ShopRequired
from emporium.vendors.models import Shop, ShopMember, ShopStatusEvent


def list_visible_shops() -> QuerySet[Shop]:
    """Shops buyers may see: approved ones only."""
    return Shop.objects.filter(status=ShopStatus.APPROVED).order_by("name")


def get_visible_shop(*, slug: str) -> Shop:
    """An approved shop by slug; any other raises ShopNotFound."""
    shop = list_visible_shops().filter(slug=slug).first()
    if shop is None:
        raise ShopNotFound("Shop not found.")
    return shop


def list_shop_status_events(*, shop: Shop) -> QuerySet[ShopStatusEvent]:
    return shop.status_events.select_related("actor").order_by("created_at", "pk")


def list_member_shops(*, user: User) -> QuerySet[Shop]:
    """The shops `user` runs (as owner or staff), whatever their status."""
    if not user.is_authenticated:
        return Shop.objects.none()
    return Shop.objects.filter(members__user=user).order_by("name", "pk")


def find_membership(*, user: User, shop: Shop) -> ShopMember | None:
    if not user.is_authenticated:
        return None
    return ShopMember.objects.filter(user=user, shop=shop).first()


def get_member_shop(*, user: User, slug: str = "") -> Shop:
    """The shop a vendor page or endpoint works on, for `user`.

    This is the one rule that scopes the vendor dashboard and the vendor API:
    `slug` names one of the user's shops; without it, the user's only shop.
    A shop the user does not run is "not found", never "forbidden", so its
    existence is not revealed.

    Raises:
        NotShopMember: the user runs no shop at all (403 `not_a_vendor`).
        ShopNotFound: `slug` is not one of the user's shops.
        ShopRequired: no `slug`, and the user runs several shops.
    """
    shops = list_member_shops(user=user)
    if slug:
        shop = shops.filter(slug=slug).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        return shop
    found = list(shops[:2])
    if not found:
        raise NotShopMember("You do not run a shop. Apply to open one first.")
    if len(found) > 1:
        raise ShopRequired(
            "You run several shops; say which one.",
            fields={"shop": ["Name one of your shops by its slug."]},
        )
    return found[0]
