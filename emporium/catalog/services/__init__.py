"""Writes of the catalog, one module per idea; import from here."""

from emporium.catalog.services.edits import record_offer_change, record_product_change
from emporium.catalog.services.images import (
    add_product_image,
    check_image_upload,
    remove_product_image,
    update_product_image,
)
from emporium.catalog.services.offers import (
    change_offer_price,
    create_offer,
    update_offer,
)
from emporium.catalog.services.product_collections import (
    create_collection,
    delete_collection,
    set_collection_products,
    update_collection,
)
from emporium.catalog.services.products import (
    UNSET,
    AttributeInput,
    archive_product,
    create_product,
    set_product_attributes,
    update_product,
)
from emporium.catalog.services.taxonomy import (
    activate_category,
    create_brand,
    create_category,
    deactivate_category,
    delete_brand,
    delete_category,
    move_category,
    record_category_change,
    update_brand,
    update_category,
)
from emporium.catalog.services.variants import (
    archive_variant,
    create_variant,
    update_variant,
)

__all__ = [
    "UNSET",
    "AttributeInput",
    "activate_category",
    "add_product_image",
    "archive_product",
    "archive_variant",
    "change_offer_price",
    "check_image_upload",
    "create_brand",
    "create_category",
    "create_collection",
    "create_offer",
    "create_product",
    "create_variant",
    "deactivate_category",
    "delete_brand",
    "delete_category",
    "delete_collection",
    "move_category",
    "record_category_change",
    "record_offer_change",
    "record_product_change",
    "remove_product_image",
    "set_collection_products",
    "set_product_attributes",
    "update_brand",
    "update_category",
    "update_collection",
    "update_offer",
    "update_product",
    "update_product_image",
    "update_variant",
]
