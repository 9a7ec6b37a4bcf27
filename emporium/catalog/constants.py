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
CATEGORY_CHANGED = "category.changed"
BRAND_CHANGED = "brand.changed"
COLLECTION_CHANGED = "collection.changed"
PRODUCT_IMAGE_ADDED = "product.image_added"
PRODUCT_IMAGE_UPDATED = "product.image_updated"
PRODUCT_IMAGE_REMOVED = "product.image_removed"

# Widths (px) of the WebP thumbnails made for each product image.
THUMBNAIL_WIDTHS = (160, 320, 640, 1024)
THUMBNAIL_QUALITY = 82

# What an uploaded product image may be (checked before it is stored).
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
