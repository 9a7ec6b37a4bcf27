"""Keep the index in step with catalog, vendor and stock events.

Handlers run after the change committed (outbox delivery) and rebuild the
affected documents from scratch, so redelivery is harmless.
"""

from typing import Any

from emporium.catalog.constants import (
    BRAND_CHANGED,
    CATEGORY_CHANGED,
    OFFER_CREATED,
    OFFER_PRICE_CHANGED,
    OFFER_UPDATED,
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    VARIANT_CREATED,
    VARIANT_UPDATED,
)
from emporium.catalog.models import Offer
from emporium.core.events import subscribe
from emporium.inventory.constants import STOCK_CHANGED, STOCK_UPDATED
from emporium.search.services import (
    reindex_product,
    reindex_products_of_brand,
    reindex_products_of_category,
    reindex_products_of_shop,
)
from emporium.vendors.constants import SHOP_STATUS_CHANGED


@subscribe(PRODUCT_CREATED)
@subscribe(PRODUCT_UPDATED)
@subscribe(VARIANT_CREATED)
@subscribe(VARIANT_UPDATED)
def reindex_changed_product(payload: dict[str, Any]) -> None:
    reindex_product(product_id=payload["product_id"])


@subscribe(OFFER_CREATED)
@subscribe(OFFER_PRICE_CHANGED)
@subscribe(OFFER_UPDATED)
@subscribe(STOCK_CHANGED)
@subscribe(STOCK_UPDATED)
def reindex_product_of_offer(payload: dict[str, Any]) -> None:
    product_id = (
        Offer.objects.filter(pk=payload["offer_id"])
        .values_list("variant__product_id", flat=True)
        .first()
    )
    if product_id is not None:
        reindex_product(product_id=product_id)


@subscribe(SHOP_STATUS_CHANGED)
def reindex_products_of_changed_shop(payload: dict[str, Any]) -> None:
    reindex_products_of_shop(shop_id=payload["shop_id"])


# Changes no document shows (or of a row that holds no product yet).
_UNINDEXED_CHANGES = frozenset({"created", "description", "position"})


def _changes_documents(payload: dict[str, Any]) -> bool:
    fields = payload.get("fields")
    return fields is None or not set(fields) <= _UNINDEXED_CHANGES


# Renames and moves touch many documents: rebuilt in batches, here in the
# task that delivers the event, so the change itself stays fast.
@subscribe(CATEGORY_CHANGED)
def reindex_products_of_changed_category(payload: dict[str, Any]) -> None:
    if _changes_documents(payload):
        reindex_products_of_category(category_id=payload["category_id"])


@subscribe(BRAND_CHANGED)
def reindex_products_of_changed_brand(payload: dict[str, Any]) -> None:
    if _changes_documents(payload):
        reindex_products_of_brand(brand_id=payload["brand_id"])
