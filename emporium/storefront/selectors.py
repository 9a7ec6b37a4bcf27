"""Reads for storefront pages that compose catalog, inventory and vendors.

Each list reader returns a queryset whose per-product data (best price,
availability, first image) comes from annotations and prefetches, so a
page's query count does not grow with the number of products it lists.
Visibility is always catalog's one rule (`visible()`).
"""

from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    OuterRef,
    QuerySet,
)

from emporium.catalog.models import (
    Category,
    Collection,
    Offer,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.catalog.selectors import (
    get_visible_product,
    list_active_categories,
    list_subtree_category_ids,
    list_visible_products,
)
from emporium.inventory.selectors import list_offers_for_variant
from emporium.inventory.selectors import with_card_data as inventory_card_data
from emporium.reviews.selectors import with_product_ratings
from emporium.vendors.models import Shop

SORTS = {
    "newest": ("-created_at", "-pk"),
    "price_asc": (F("best_price").asc(nulls_last=True), "-pk"),
    "price_desc": (F("best_price").desc(nulls_last=True), "-pk"),
}
DEFAULT_SORT = "newest"


def with_card_data(products: QuerySet[Product]) -> QuerySet[Product]:
    """What a product card shows: inventory's card data (best price, stock,
    images) and the rating (`rating_average`, `rating_count`), with no query
    per product."""
    return with_product_ratings(inventory_card_data(products))


def list_product_cards_by_ids(product_ids: list[int]) -> list[Product]:
    """Cards of visible products in the order of `product_ids` (search hits):
    two queries whatever the number; ids no longer visible are skipped."""
    if not product_ids:
        return []
    products = with_card_data(list_visible_products().filter(pk__in=product_ids))
    by_id = {product.pk: product for product in products}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def _sorted(products: QuerySet[Product], sort: str) -> QuerySet[Product]:
    return products.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def list_category_product_cards(
    *, category: Category, sort: str = DEFAULT_SORT
) -> QuerySet[Product]:
    """Visible products of the category and its active descendants."""
    ids = list_subtree_category_ids(category)
    return _sorted(
        with_card_data(list_visible_products().filter(category_id__in=ids)), sort
    )


def list_shop_product_cards(*, shop: Shop) -> QuerySet[Product]:
    """Visible products the shop offers (created by it or offered by it)."""
    offered = Offer.objects.visible().filter(shop=shop, variant__product=OuterRef("pk"))
    return with_card_data(list_visible_products().filter(Exists(offered)))


def list_new_arrival_cards(*, limit: int = 8) -> list[Product]:
    return list(with_card_data(list_visible_products())[:limit])


def list_root_categories() -> QuerySet[Category]:
    return list_active_categories().filter(depth=1)


def list_subcategories(category: Category) -> QuerySet[Category]:
    return list_active_categories().filter(
        path__startswith=category.path, depth=category.depth + 1
    )


def list_breadcrumb_categories(category: Category) -> list[Category]:
    """The category's active ancestors, root first, then the category itself
    if active: an inactive category is hidden, never linked."""
    chain = [*Category.objects.get_ancestors(category), category]
    return [c for c in chain if c.is_active]


@dataclass(frozen=True)
class FeaturedCollection:
    collection: Collection
    products: list[Product]


def list_featured_collections(
    *, limit: int = 3, per_collection: int = 4
) -> list[FeaturedCollection]:
    """Featured collections with their first visible products (two queries)."""
    collections = list(Collection.objects.filter(is_featured=True)[:limit])
    if not collections:
        return []
    products = (
        with_card_data(list_visible_products())
        .filter(collection_entries__collection__in=collections)
        .annotate(
            entry_collection=F("collection_entries__collection_id"),
            entry_position=F("collection_entries__position"),
        )
        .order_by("entry_collection", "entry_position", "pk")
    )
    by_collection: dict[int, list[Product]] = {c.pk: [] for c in collections}
    for product in products:
        bucket = by_collection[product.entry_collection]
        if len(bucket) < per_collection:
            bucket.append(product)
    return [
        FeaturedCollection(collection=c, products=by_collection[c.pk])
        for c in collections
        if by_collection[c.pk]
    ]


@dataclass(frozen=True)
class ProductPage:
    """Everything the product page shows, loaded in a fixed number of queries."""

    product: Product
    variants: list[ProductVariant]
    variant: ProductVariant
    offers: list[Offer]  # of `variant`, best first, with available_quantity
    images: list[ProductImage]
    breadcrumbs: list[Category]

    @property
    def best_offer(self) -> Offer | None:
        return self.offers[0] if self.offers else None

    @property
    def other_offers(self) -> list[Offer]:
        return self.offers[1:]


def get_product_page(*, slug: str, variant_id: int | None = None) -> ProductPage:
    """The product page data; the variant is `variant_id` if it is the
    product's, else the default (or first) variant.

    Raises:
        ProductNotFound: no visible product has this slug.
    """
    product = get_visible_product(slug=slug)
    variants = [v for v in product.variants.all() if v.visible_offers]
    variant = next((v for v in variants if v.pk == variant_id), None)
    if variant is None:
        variant = next((v for v in variants if v.is_default), variants[0])
    offers = list(list_offers_for_variant(variant_id=variant.pk))
    images = list(product.images.all())
    return ProductPage(
        product=product,
        variants=variants,
        variant=variant,
        offers=offers,
        images=images,
        breadcrumbs=list_breadcrumb_categories(product.category),
    )
