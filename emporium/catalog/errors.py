"""Catalog errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, InvalidInput, NotFound


class ProductNotFound(NotFound):
    default_code = "product_not_found"


class CategoryNotFound(NotFound):
    default_code = "category_not_found"


class OfferNotFound(NotFound):
    default_code = "offer_not_found"


class DuplicateSku(Conflict):
    default_code = "duplicate_sku"


class InvalidPrice(InvalidInput):
    default_code = "invalid_price"


class InvalidImage(InvalidInput):
    default_code = "invalid_image"


class VariantNotFound(NotFound):
    default_code = "variant_not_found"


class DuplicateVariant(Conflict):
    default_code = "duplicate_variant"


class InvalidVariant(InvalidInput):
    default_code = "invalid_variant"


class InvalidAttributeValue(InvalidInput):
    default_code = "invalid_attribute_value"
