"""Reads of one shop's own catalogue, for the people who run it (the vendor
dashboard and the vendor API): its products in every status with their
variants, images and the shop's own offers, the variants it has not listed
yet, and the products other shops opened to other sellers.

The scoping rule is here, once: a shop manages the products it created
(`Product.shop`). Another shop's product, variant or image is "not found",
exactly like one that does not exist, so its existence is not revealed.
Each reader loads in a fixed number of queries whatever the number of rows.
"""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from emporium.catalog.constants import ProductStatus
from emporium.catalog.errors import ImageNotFound, ProductNotFound, VariantNotFound
from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Brand,
    Category,
    Offer,
    Option,
    OptionValue,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.vendors.models import Shop


def _count(queryset: QuerySet, field: str) -> Coalesce:
    """A correlated COUNT over `queryset` grouped by `field` (no GROUP BY on
    the outer query, so it combines with select_related and filters)."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _ordered_images() -> Prefetch:
    return Prefetch(
        "images",
        queryset=ProductImage.objects.order_by("position", "pk"),
        to_attr="image_list",
    )


def _variants(shop: Shop, *, active_only: bool = False) -> QuerySet[ProductVariant]:
    """Variants with their option values (`option_list`) and the offers of
    `shop` only (`shop_offers`): another shop's prices are not its business."""
    variants = ProductVariant.objects.all()
    if active_only:
        variants = variants.filter(is_active=True)
    return variants.order_by("position", "pk").prefetch_related(
        Prefetch(
            "option_values",
            queryset=OptionValue.objects.select_related("option"),
            to_attr="option_list",
        ),
        Prefetch(
            "offers",
            queryset=Offer.objects.filter(shop=shop).order_by("pk"),
            to_attr="shop_offers",
        ),
    )


# --- The shop's products --------------------------------------------------------


def list_shop_products(
    *, shop: Shop, text: str = "", status: str = ""
) -> QuerySet[Product]:
    """The products `shop` created, in any status, newest first.

    `text` matches within titles and the shop's own SKUs; `status` keeps one
    status. Each product carries `variant_count`, `offer_count` (the shop's
    offers) and its images in `image_list`: two queries per page.
    """
    products = Product.objects.filter(shop=shop)
    if status:
        products = products.filter(status=status)
    if text:
        skus = Offer.objects.filter(
            shop=shop, variant__product=OuterRef("pk"), sku__icontains=text
        )
        products = products.filter(Q(title__icontains=text) | Q(Exists(skus)))
    return (
        products.select_related("category", "brand")
        .annotate(
            variant_count=_count(
                ProductVariant.objects.filter(product=OuterRef("pk")), "product"
            ),
            offer_count=_count(
                Offer.objects.filter(shop=shop, variant__product=OuterRef("pk")),
                "variant__product",
            ),
        )
        .prefetch_related(_ordered_images())
        .order_by("-created_at", "-pk")
    )


def get_shop_product(*, shop: Shop, product_id: int) -> Product:
    """One of the shop's products with its attribute values
    (`attribute_list`), variants (`variant_list`, see `_variants`) and images
    (`image_list`): six queries.

    Raises:
        ProductNotFound: no product with this id, or another shop's.
    """
    attributes = AttributeValue.objects.select_related("attribute", "choice")
    product = (
        Product.objects.filter(shop=shop, pk=product_id)
        .select_related("shop", "category", "brand")
        .prefetch_related(
            Prefetch(
                "attribute_values",
                queryset=attributes.order_by(
                    "attribute__position", "attribute__code", "pk"
                ),
                to_attr="attribute_list",
            ),
            Prefetch("variants", queryset=_variants(shop), to_attr="variant_list"),
            _ordered_images(),
        )
        .first()
    )
    if product is None:
        raise ProductNotFound("Product not found.", extra={"id": product_id})
    return product


def get_shop_variant(*, shop: Shop, variant_id: int) -> ProductVariant:
    """A variant of one of the shop's products, with its option values and
    the shop's offers of it.

    Raises:
        VariantNotFound: no variant with this id, or another shop's.
    """
    variant = (
        _variants(shop)
        .select_related("product")
        .filter(pk=variant_id, product__shop=shop)
        .first()
    )
    if variant is None:
        raise VariantNotFound("Variant not found.", extra={"id": variant_id})
    return variant


def get_shop_image(*, shop: Shop, image_id: int) -> ProductImage:
    """An image of one of the shop's products.

    Raises:
        ImageNotFound: no image with this id, or another shop's.
    """
    image = (
        ProductImage.objects.select_related("product", "variant")
        .filter(pk=image_id, product__shop=shop)
        .first()
    )
    if image is None:
        raise ImageNotFound("Image not found.", extra={"id": image_id})
    return image


# --- What the shop may offer ----------------------------------------------------


def list_open_products(*, shop: Shop, text: str = "") -> QuerySet[Product]:
    """Active products of other shops that staff opened to other sellers,
    by title, with their active variants (and the offers `shop` already has
    of them, in `shop_offers`) in `variant_list`: four queries per page.

    `text` matches within titles.
    """
    products = Product.objects.filter(
        is_open_to_other_sellers=True, status=ProductStatus.ACTIVE
    ).exclude(shop=shop)
    if text:
        products = products.filter(title__icontains=text)
    return (
        products.select_related("shop", "category", "brand")
        .prefetch_related(
            Prefetch(
                "variants",
                queryset=_variants(shop, active_only=True),
                to_attr="variant_list",
            )
        )
        .order_by("title", "pk")
    )


def list_unoffered_variants(*, shop: Shop, text: str = "") -> QuerySet[ProductVariant]:
    """Active variants of the shop's own products (not archived) that it
    does not offer yet, newest product first, with their option values: two
    queries per page. `text` matches within product titles."""
    offered = Offer.objects.filter(shop=shop, variant=OuterRef("pk"))
    variants = ProductVariant.objects.filter(
        product__shop=shop, is_active=True
    ).exclude(product__status=ProductStatus.ARCHIVED)
    if text:
        variants = variants.filter(product__title__icontains=text)
    return (
        variants.filter(~Exists(offered))
        .select_related("product")
        .prefetch_related(
            Prefetch(
                "option_values",
                queryset=OptionValue.objects.select_related("option"),
                to_attr="option_list",
            )
        )
        .order_by("-product__created_at", "-product__pk", "position", "pk")
    )


def get_offerable_variant(*, shop: Shop, variant_id: int) -> ProductVariant:
    """A variant `shop` may list: of its own product, or of another shop's
    product open to other sellers (with option values and its offers).

    Raises:
        VariantNotFound: no such variant, or one of another shop's product
            that is not open to other sellers.
    """
    may_offer = Q(product__shop=shop) | Q(product__is_open_to_other_sellers=True)
    variant = (
        _variants(shop)
        .select_related("product__shop")
        .filter(may_offer, pk=variant_id)
        .first()
    )
    if variant is None:
        raise VariantNotFound("Variant not found.", extra={"id": variant_id})
    return variant


# --- What product forms choose from ---------------------------------------------


def list_attributes_with_choices() -> QuerySet[Attribute]:
    """Every attribute, in display order, with its choices (two queries)."""
    return Attribute.objects.order_by("position", "name", "code").prefetch_related(
        "choices"
    )


def list_brands() -> QuerySet[Brand]:
    return Brand.objects.order_by("name", "pk")


def list_assignable_categories() -> QuerySet[Category]:
    """Active categories in tree order: where a vendor may put a product."""
    return Category.objects.filter(is_active=True).order_by("path")


def list_options() -> QuerySet[Option]:
    """The options variants differ in (size, colour), in display order."""
    return Option.objects.order_by("position", "name", "code")
