"""Reads of the catalog API that compose catalog, inventory and vendors.

Each reader loads in a fixed number of queries whatever the number of
products, variants or categories. Product cards come from
`inventory.selectors.with_card_data`, the rule the storefront uses too.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from emporium.catalog.errors import ProductNotFound
from emporium.catalog.models import (
    AttributeValue,
    Category,
    Offer,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.catalog.selectors import (
    get_category,
    list_active_categories,
    list_visible_products,
)
from emporium.core.money import default_currency
from emporium.inventory.selectors import with_available_quantity, with_card_data
from emporium.reviews.selectors import with_product_ratings


@dataclass
class CategoryNode:
    category: Category
    children: list["CategoryNode"] = field(default_factory=list)


def list_category_tree() -> list[CategoryNode]:
    """The active category tree, roots first, built from one query.

    Materialised paths sort parents before children, so each node's parent
    is already placed; a child of an inactive category is left out.
    """
    steplen = Category.steplen
    by_path: dict[str, CategoryNode] = {}
    roots: list[CategoryNode] = []
    for category in list_active_categories():
        node = CategoryNode(category)
        by_path[category.path] = node
        if category.depth == 1:
            roots.append(node)
        elif parent := by_path.get(category.path[:-steplen]):
            parent.children.append(node)
        else:
            del by_path[category.path]
    return roots


@dataclass(frozen=True)
class CategoryDetail:
    category: Category
    ancestors: list[Category]
    children: list[Category]


def get_category_detail(*, slug: str) -> CategoryDetail:
    """An active category with its ancestors (root first) and its children.

    Raises:
        CategoryNotFound: no active category has this slug.
    """
    category = get_category(slug=slug)
    steplen = Category.steplen
    ancestor_paths = [
        category.path[:end] for end in range(steplen, len(category.path), steplen)
    ]
    ancestors = list(Category.objects.filter(path__in=ancestor_paths).order_by("path"))
    children = list(
        list_active_categories().filter(
            path__startswith=category.path, depth=category.depth + 1
        )
    )
    return CategoryDetail(category=category, ancestors=ancestors, children=children)


@dataclass(frozen=True)
class ProductDetail:
    product: Product
    variants: list[ProductVariant]  # each with `api_offers`, best first
    breadcrumbs: list[Category]


def get_product_detail(*, slug: str) -> ProductDetail:
    """A visible product with its variants, their visible offers, images,
    attributes and breadcrumbs, in a fixed number of queries.

    Raises:
        ProductNotFound: no visible product has this slug.
    """
    # Prices only compare within one currency (inventory's rule).
    offers = (
        with_available_quantity(
            Offer.objects.visible().filter(currency=default_currency())
        )
        .select_related("shop")
        .order_by("-is_in_stock", "price_amount", "created_at", "pk")
    )
    variants = ProductVariant.objects.order_by("position", "pk").prefetch_related(
        "option_values__option",
        Prefetch("offers", queryset=offers, to_attr="api_offers"),
    )
    attributes = AttributeValue.objects.select_related("attribute", "choice")
    product = (
        with_product_ratings(list_visible_products())
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("variants", queryset=variants, to_attr="api_variants"),
            Prefetch(
                "images",
                queryset=ProductImage.objects.order_by("position", "pk"),
                to_attr="ordered_images",
            ),
            Prefetch(
                "attribute_values",
                queryset=attributes.order_by("attribute__position", "attribute__code"),
                to_attr="api_attributes",
            ),
        )
        .first()
    )
    if product is None:
        raise ProductNotFound("Product not found.")
    return ProductDetail(
        product=product,
        variants=[v for v in product.api_variants if v.api_offers],
        breadcrumbs=list_breadcrumbs(product.category),
    )


def list_product_cards_by_ids(product_ids: list[int]) -> list[Product]:
    """Cards of visible products in the order of `product_ids` (search hits),
    with their ratings: two queries whatever the number; ids no longer
    visible are skipped."""
    if not product_ids:
        return []
    products = with_product_ratings(
        with_card_data(list_visible_products().filter(pk__in=product_ids))
    )
    by_id = {product.pk: product for product in products}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def list_breadcrumbs(category: Category) -> list[Category]:
    """The category's ancestors, root first, then the category (one query)."""
    steplen = Category.steplen
    paths = [
        category.path[:end] for end in range(steplen, len(category.path) + 1, steplen)
    ]
    return list(Category.objects.filter(path__in=paths).order_by("path"))
