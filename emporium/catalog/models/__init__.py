"""Catalog tables, one module per idea; import them from here."""

from emporium.catalog.models.attributes import (
    Attribute,
    AttributeChoice,
    AttributeValue,
)
from emporium.catalog.models.categories import Brand, Category
from emporium.catalog.models.offers import Offer, OfferQuerySet
from emporium.catalog.models.product_collections import Collection, CollectionProduct
from emporium.catalog.models.products import (
    Option,
    OptionValue,
    Product,
    ProductImage,
    ProductQuerySet,
    ProductVariant,
)

__all__ = [
    "Attribute",
    "AttributeChoice",
    "AttributeValue",
    "Brand",
    "Category",
    "Collection",
    "CollectionProduct",
    "Offer",
    "OfferQuerySet",
    "Option",
    "OptionValue",
    "Product",
    "ProductImage",
    "ProductQuerySet",
    "ProductVariant",
]
