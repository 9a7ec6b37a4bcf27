"""Events for product and offer rows an edge's own forms wrote.

The admin's product page saves the product with its variant and attribute
inlines through Django's forms, and its offer page the offer: these
services publish what the catalog services would have, in the same
transaction, so the page cache and the search index follow admin edits
too. New code writes through `products`, `variants` and `offers` instead.
"""

from collections.abc import Sequence
from decimal import Decimal

from emporium.catalog.constants import (
    OFFER_CREATED,
    OFFER_PRICE_CHANGED,
    OFFER_UPDATED,
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
)
from emporium.catalog.models import Offer
from emporium.core.events import publish


def record_product_change(
    *, product_id: int, created: bool, fields: Sequence[str]
) -> None:
    """Publish `product.created` or `product.updated` naming `fields`.

    Needs the caller's transaction (the one that wrote the product).
    """
    if created:
        publish(PRODUCT_CREATED, {"product_id": product_id})
    elif fields:
        publish(PRODUCT_UPDATED, {"product_id": product_id, "fields": list(fields)})


def record_offer_change(
    *,
    offer: Offer,
    created: bool,
    fields: Sequence[str],
    previous_amount: Decimal | None = None,
) -> None:
    """Publish `offer.created`, or `offer.price_changed` (from, to) and
    `offer.updated` for the other `fields`, as `offers.update_offer` does.

    Needs the caller's transaction (the one that wrote the offer).
    """
    if created:
        publish(OFFER_CREATED, {"offer_id": offer.pk})
        return
    price_fields = {"price_amount", "currency"}
    if price_fields & set(fields):
        publish(
            OFFER_PRICE_CHANGED,
            {
                "offer_id": offer.pk,
                "variant_id": offer.variant_id,
                "from": str(previous_amount),
                "to": str(offer.price_amount),
                "currency": offer.currency,
            },
        )
    others = [f for f in fields if f not in price_fields]
    if others:
        publish(
            OFFER_UPDATED,
            {"offer_id": offer.pk, "variant_id": offer.variant_id, "fields": others},
        )
