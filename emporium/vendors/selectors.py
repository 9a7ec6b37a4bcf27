"""Reads of shops."""

from django.db.models import QuerySet

from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.models import Shop, ShopStatusEvent


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
