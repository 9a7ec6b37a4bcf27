"""Catalog statuses, choices, events and limits."""

from django.db import models


class ProductStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class TaxClass(models.TextChoices):
    """What the tax engine (pricing) maps to a rate per country."""

    STANDARD = "standard", "Standard rate"
    REDUCED = "reduced", "Reduced rate"
    ZERO = "zero", "Zero rate"


class AttributeType(models.TextChoices):
    TEXT = "text", "Text"
    NUMBER = "number", "Number"
    BOOL = "bool", "Yes / no"
    CHOICE = "choice", "Choice"


PRODUCT_CREATED = "product.created"
PRODUCT_UPDATED = "product.updated"
OFFER_CREATED = "offer.created"
OFFER_PRICE_CHANGED = "offer.price_changed"
OFFER_UPDATED = "offer.updated"
VARIANT_CREATED = "variant.created"
VARIANT_UPDATED = "variant.updated"

# Widths (px) of the WebP thumbnails made for each product image.
THUMBNAIL_WIDTHS = (160, 320, 640, 1024)
THUMBNAIL_QUALITY = 82
