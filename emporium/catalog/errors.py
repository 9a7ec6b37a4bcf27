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


class LastActiveVariant(Conflict):
    """Archiving would leave the product without a variant: archive the
    product instead."""

    default_code = "last_active_variant"


class InvalidAttributeValue(InvalidInput):
    default_code = "invalid_attribute_value"


class SlugTaken(Conflict):
    default_code = "slug_taken"


class ProductClosedToShop(InvalidInput):
    """A shop other than the product's own offers it, but it is not open to
    other sellers."""

    default_code = "product_not_open_to_shop"


class BrandNotFound(NotFound):
    default_code = "brand_not_found"


class CollectionNotFound(NotFound):
    default_code = "collection_not_found"


class ImageNotFound(NotFound):
    default_code = "image_not_found"


class InvalidCategoryMove(InvalidInput):
    """A category moved under itself or one of its descendants."""

    default_code = "invalid_category_move"


class CategoryParentInactive(Conflict):
    """A category cannot be active while its parent is not."""

    default_code = "category_parent_inactive"


class CategoryInUse(Conflict):
    """A category (or a descendant) still holds products: it cannot go."""

    default_code = "category_in_use"


class InvalidCollectionProducts(InvalidInput):
    default_code = "invalid_collection_products"


class VariantAlreadyOffered(Conflict):
    """The shop already has an offer of this variant (a shop lists a variant
    once; change that offer instead)."""

    default_code = "variant_already_offered"
