"""Serializers of the catalog API: query parameters in, cards and pages out.

They shape data the selectors loaded; none of them queries or decides.
"""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.search.constants import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    SearchSort,
)

ATTRIBUTE_PREFIX = "attr_"


class ProductListParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH
    )
    category = serializers.SlugField(required=False)
    shop = serializers.SlugField(required=False)
    brand = serializers.SlugField(required=False)
    min_price = serializers.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    max_price = serializers.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    in_stock = serializers.BooleanField(required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(
        choices=SearchSort.choices, required=False, default=SearchSort.RELEVANCE
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )

    def validate(self, attrs: dict) -> dict:
        low, high = attrs.get("min_price"), attrs.get("max_price")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"max_price": ["Must not be below min_price."]}
            )
        return attrs


def attribute_filters(params) -> dict[str, list[str]]:
    """The `attr_<code>=<value slug>` query parameters (repeatable)."""
    return {
        key.removeprefix(ATTRIBUTE_PREFIX): params.getlist(key)
        for key in params
        if key.startswith(ATTRIBUTE_PREFIX) and key != ATTRIBUTE_PREFIX
    }


class SuggestParamsSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, allow_blank=True)


class SuggestionsSerializer(serializers.Serializer):
    suggestions = serializers.ListField(child=serializers.CharField())


# --- Categories ---------------------------------------------------------------


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    depth = serializers.IntegerField()


class LinkSerializer(serializers.Serializer):
    """A category, brand or shop as a name and the slug to fetch it by."""

    name = serializers.CharField()
    slug = serializers.SlugField()


class CategoryTreeSerializer(serializers.Serializer):
    name = serializers.CharField(source="category.name")
    slug = serializers.SlugField(source="category.slug")
    description = serializers.CharField(source="category.description")
    children = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_children(self, node) -> list[dict]:
        return CategoryTreeSerializer(node.children, many=True).data


class CategoryDetailSerializer(serializers.Serializer):
    name = serializers.CharField(source="category.name")
    slug = serializers.SlugField(source="category.slug")
    description = serializers.CharField(source="category.description")
    depth = serializers.IntegerField(source="category.depth")
    ancestors = LinkSerializer(many=True)
    children = LinkSerializer(many=True)


# --- Shops --------------------------------------------------------------------


class ShopSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    description = serializers.CharField()
    logo = serializers.SerializerMethodField()
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField()
    returns_policy = serializers.CharField(help_text="Plain text.")
    shipping_policy = serializers.CharField(help_text="Plain text.")
    social_links = serializers.DictField(
        child=serializers.URLField(),
        help_text="Website and social network links by network "
        "(`website`, `instagram`, ...).",
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_logo(self, shop) -> str | None:
        return shop.logo.url if shop.logo else None


# --- Products -----------------------------------------------------------------


class ImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    thumbnails = serializers.SerializerMethodField(
        help_text="Thumbnail URLs by width in pixels."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str:
        return image.image.url

    @extend_schema_field(serializers.DictField(child=serializers.URLField()))
    def get_thumbnails(self, image) -> dict[str, str]:
        storage = image.image.storage
        return {width: storage.url(name) for width, name in image.thumbnails.items()}


class RatingSerializer(serializers.Serializer):
    """The product's published reviews: average (one decimal, null without
    reviews) and count."""

    average = serializers.DecimalField(
        source="rating_average", max_digits=2, decimal_places=1, allow_null=True
    )
    count = serializers.IntegerField(source="rating_count")


class ProductCardSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    brand = LinkSerializer(allow_null=True)
    category = LinkSerializer()
    shop = LinkSerializer()
    price = serializers.DecimalField(
        source="best_price", max_digits=12, decimal_places=2, allow_null=True
    )
    compare_at_price = serializers.DecimalField(
        source="best_compare_at", max_digits=12, decimal_places=2, allow_null=True
    )
    currency = serializers.CharField(source="best_currency", allow_null=True)
    in_stock = serializers.BooleanField(source="is_in_stock")
    image = serializers.SerializerMethodField()
    rating = RatingSerializer(source="*")

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, product) -> dict | None:
        images = product.ordered_images
        return ImageSerializer(images[0]).data if images else None


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class PriceBucketSerializer(serializers.Serializer):
    min_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    max_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    categories = FacetValueSerializer(many=True)
    shops = FacetValueSerializer(many=True)
    brands = FacetValueSerializer(many=True)
    attributes = serializers.DictField(child=FacetValueSerializer(many=True))
    price_ranges = PriceBucketSerializer(many=True)
    in_stock = serializers.IntegerField()


class ProductPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ProductCardSerializer(many=True)
    facets = FacetsSerializer()


class OfferSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Add it to the cart by this id.")
    shop = LinkSerializer()
    sku = serializers.CharField()
    price = serializers.DecimalField(
        source="price_amount", max_digits=12, decimal_places=2
    )
    currency = serializers.CharField()
    compare_at_price = serializers.DecimalField(
        source="compare_at_amount", max_digits=12, decimal_places=2, allow_null=True
    )
    available_quantity = serializers.IntegerField()
    in_stock = serializers.BooleanField(source="is_in_stock")


class OptionValueSerializer(serializers.Serializer):
    option = serializers.CharField(source="option.code")
    name = serializers.CharField(source="option.name")
    value = serializers.CharField()


class VariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_default = serializers.BooleanField()
    options = OptionValueSerializer(source="option_values.all", many=True)
    weight_grams = serializers.IntegerField(allow_null=True)
    barcode = serializers.CharField()
    offers = OfferSerializer(source="api_offers", many=True)


class AttributeSerializer(serializers.Serializer):
    code = serializers.CharField(source="attribute.code")
    name = serializers.CharField(source="attribute.name")
    value = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_value(self, attribute_value) -> str:
        value = attribute_value.value
        return "" if value is None else str(value)


class ProductDetailSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="product.slug")
    title = serializers.CharField(source="product.title")
    description = serializers.CharField(source="product.description")
    brand = LinkSerializer(source="product.brand", allow_null=True)
    category = LinkSerializer(source="product.category")
    shop = LinkSerializer(source="product.shop")
    breadcrumbs = LinkSerializer(many=True)
    images = ImageSerializer(source="product.ordered_images", many=True)
    attributes = AttributeSerializer(source="product.api_attributes", many=True)
    variants = VariantSerializer(many=True)
    rating = RatingSerializer(source="product")
