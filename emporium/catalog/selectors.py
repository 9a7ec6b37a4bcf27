"""Reads of the catalog for buyers. Visibility is `visible()` on the
querysets (models/offers.py); never filter status or shop by hand here.
"""

from django.db.models import Prefetch, QuerySet

from emporium.catalog.errors import CategoryNotFound, ProductNotFound
from emporium.catalog.models import Category, Offer, Product, ProductImage


def list_visible_products() -> QuerySet[Product]:
    """Products buyers may see, newest first, with what a list card needs."""
    return (
        Product.objects.visible()
        .select_related("shop", "brand", "category")
        .order_by("-created_at", "-pk")
    )


def list_visible_offers() -> QuerySet[Offer]:
    return Offer.objects.visible()


def get_visible_product(*, slug: str) -> Product:
    """A visible product with its variants, images and visible offers.

    Raises:
        ProductNotFound: no visible product has this slug.
    """
    product = (
        list_visible_products()
        .prefetch_related(
            "variants__option_values__option",
            Prefetch("images", queryset=ProductImage.objects.order_by("position")),
            Prefetch(
                "variants__offers",
                queryset=Offer.objects.visible().select_related("shop"),
                to_attr="visible_offers",
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if product is None:
        raise ProductNotFound("Product not found.")
    return product


def list_active_categories() -> QuerySet[Category]:
    """The active categories in tree order (depth-first, by path)."""
    return Category.objects.filter(is_active=True).order_by("path")


def get_category(*, slug: str) -> Category:
    category = list_active_categories().filter(slug=slug).first()
    if category is None:
        raise CategoryNotFound("Category not found.")
    return category


def list_subtree_category_ids(category: Category) -> list[int]:
    """Ids of the category and all its descendants: one indexed query."""
    return list(
        Category.objects.filter(
            path__startswith=category.path, is_active=True
        ).values_list("pk", flat=True)
    )
