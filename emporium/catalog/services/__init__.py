"""Writes of the catalog, one module per idea; import from here."""

from emporium.catalog.services.offers import (
    change_offer_price,
    create_offer,
    update_offer,
)
from emporium.catalog.services.products import (
    UNSET,
    AttributeInput,
    archive_product,
    create_product,
    set_product_attributes,
    update_product,
)
from emporium.catalog.services.variants import create_variant, update_variant

__all__ = [
    "UNSET",
    "AttributeInput",
    "archive_product",
    "change_offer_price",
    "create_offer",
    "create_product",
    "create_variant",
    "set_product_attributes",
    "update_offer",
    "update_product",
    "update_variant",
]
