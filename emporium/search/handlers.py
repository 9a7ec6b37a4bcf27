"""Keep the index in step with catalog, vendor and stock events.

Handlers run after the change committed (outbox delivery) and rebuild the
affected documents from scratch, so redelivery is harmless.
"""

from typing import Any

from emporium.catalog.constants import (
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
from emporium.inventory.constants import STOCK_CHANGED
from emporium.search.services import reindex_product, reindex_products_of_shop
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
