"""Writes of the catalog's taxonomy: the category tree and brands
(collections: `product_collections.py`).

Each change publishes `category.changed` or `brand.changed`; the page
cache bumps on both and search reindexes the products whose documents
changed (a category's subtree, a brand's products). Categories are added
and moved through treebeard's manager API only.

One tree rule: a category under an inactive parent is inactive too, so the
storefront's `is_active` filters (nav, sitemap, category pages) hide whole
subtrees. Deactivating cascades down; activating under an inactive parent
is refused; moving under an inactive parent deactivates the moved subtree.
"""

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from treebeard.exceptions import InvalidMoveToDescendant

from emporium.catalog.constants import BRAND_CHANGED, CATEGORY_CHANGED
from emporium.catalog.errors import (
    BrandNotFound,
    CategoryInUse,
    CategoryNotFound,
    CategoryParentInactive,
    InvalidCategoryMove,
    SlugTaken,
)
from emporium.catalog.models import Brand, Category, Product
from emporium.catalog.services.products import UNSET
from emporium.catalog.services.rows import checked_slug, free_slug, locked_row
from emporium.core.events import publish

# --- Categories ------------------------------------------------------------


def create_category(
    *,
    name: str,
    parent_id: int | None = None,
    slug: str = "",
    description: str = "",
    position: int = 0,
    is_active: bool = True,
) -> Category:
    """Add a category at the root or under `parent_id`, sorted among its
    siblings by (position, name); publishes `category.changed`.

    Under an inactive parent the new category is inactive.

    Raises:
        CategoryNotFound: no category `parent_id`.
        SlugTaken: the slug given is taken (one made from the name is
            numbered instead).
    """
    fields = {
        "name": name.strip(),
        "slug": checked_slug(Category, slug) if slug else free_slug(Category, name),
        "description": description.strip(),
        "position": position,
        "is_active": is_active,
    }
    try:
        with transaction.atomic():
            if parent_id is None:
                category = Category.objects.add_root(fields)
            else:
                parent = locked_row(Category, parent_id, CategoryNotFound)
                fields["is_active"] = is_active and parent.is_active
                category = Category.objects.add_child(parent, fields)
            _publish_category(category, ["created"])
    except IntegrityError as exc:  # a concurrent writer took the slug
        raise SlugTaken(
            "Another category already uses this slug.", extra={"slug": fields["slug"]}
        ) from exc
    return category


def update_category(
    *,
    category_id: int,
    name: str = UNSET,
    slug: str = UNSET,
    description: str = UNSET,
    position: int = UNSET,
) -> Category:
    """Change the given fields; a new name or position re-sorts the category
    among its siblings. Publishes `category.changed` (search reindexes the
    products of the category and its descendants).

    Raises:
        CategoryNotFound: no category with this id.
        SlugTaken: another category uses the slug.
    """
    changes: dict[str, Any] = {}
    if name is not UNSET:
        changes["name"] = name.strip()
    if slug is not UNSET:
        changes["slug"] = checked_slug(Category, slug, exclude_pk=category_id)
    if description is not UNSET:
        changes["description"] = description.strip()
    if position is not UNSET:
        changes["position"] = position
    with transaction.atomic():
        category = locked_row(Category, category_id, CategoryNotFound)
        for field, value in changes.items():
            setattr(category, field, value)
        category.save(update_fields=[*changes, "updated_at"])
        if {"name", "position"} & set(changes):
            _resort(category)
        _publish_category(category, list(changes))
    return category


def move_category(*, category_id: int, parent_id: int | None) -> Category:
    """Move a category (with its subtree) under `parent_id`, or to the root
    when None, sorted among its new siblings; publishes `category.changed`.

    Raises:
        CategoryNotFound: no such category or parent.
        InvalidCategoryMove: the parent is the category or a descendant.
    """
    with transaction.atomic():
        category = locked_row(Category, category_id, CategoryNotFound)
        try:
            if parent_id is None:
                first_root = Category.objects.get_first_root_node()
                Category.objects.move(category, first_root, "sorted-sibling")
            else:
                parent = locked_row(Category, parent_id, CategoryNotFound)
                Category.objects.move(category, parent, "sorted-child")
        except InvalidMoveToDescendant as exc:
            raise InvalidCategoryMove(
                "A category cannot move under itself or its descendants.",
                fields={"parent_id": ["Choose a category outside this subtree."]},
            ) from exc
        category.refresh_from_db()
        return record_category_change(category_id=category.pk, fields=["parent"])


def deactivate_category(*, category_id: int) -> Category:
    """Hide a category and all its descendants from the storefront (nav,
    sitemap, pages); their products stay on sale. Publishes
    `category.changed`.

    Raises:
        CategoryNotFound: no category with this id.
    """
    with transaction.atomic():
        category = locked_row(Category, category_id, CategoryNotFound)
        category.is_active = False
        category.save(update_fields=["is_active", "updated_at"])
        return record_category_change(category_id=category.pk, fields=["is_active"])


def activate_category(*, category_id: int) -> Category:
    """Show a category again (its descendants keep their own state);
    publishes `category.changed`.

    Raises:
        CategoryNotFound: no category with this id.
        CategoryParentInactive: its parent is inactive; activate it first.
    """
    with transaction.atomic():
        category = locked_row(Category, category_id, CategoryNotFound)
        parent = Category.objects.get_parent(category)
        if parent is not None and not parent.is_active:
            raise CategoryParentInactive(
                f"Activate {parent.name!r} first: a category under an inactive "
                "parent stays hidden.",
                extra={"parent_id": parent.pk},
            )
        category.is_active = True
        category.save(update_fields=["is_active", "updated_at"])
        _publish_category(category, ["is_active"])
    return category


def delete_category(*, category_id: int) -> None:
    """Delete a category and its descendants; publishes `category.changed`.

    Raises:
        CategoryNotFound: no category with this id.
        CategoryInUse: a product is filed in the category or a descendant.
    """
    with transaction.atomic():
        category = locked_row(Category, category_id, CategoryNotFound)
        in_use = Product.objects.filter(category__path__startswith=category.path)
        if in_use.exists():
            raise CategoryInUse(
                "Products are filed in this category or below it; move them first.",
                extra={"id": category_id},
            )
        publish(CATEGORY_CHANGED, {"category_id": category_id, "fields": ["deleted"]})
        category.delete()


def record_category_change(*, category_id: int, fields: Sequence[str]) -> Category:
    """Apply the tree rule to a category that was just saved or moved by
    the caller, and publish `category.changed`.

    For edges that let treebeard's own form or view write the node (the
    admin); services above call it too. Run it in the transaction that
    wrote the node, so the change and its event commit together.
    """
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category_id)
        parent = Category.objects.get_parent(category)
        if category.is_active and parent is not None and not parent.is_active:
            category.is_active = False
        if not category.is_active:
            # Descendants of an inactive category are hidden with it.
            Category.objects.filter(path__startswith=category.path).update(
                is_active=False, updated_at=timezone.now()
            )
        category.save(update_fields=["is_active", "updated_at"])
        _publish_category(category, list(fields))
    return category


def _resort(category: Category) -> None:
    """Put the category back in (position, name) order among its siblings."""
    parent = Category.objects.get_parent(category)
    if parent is None:
        first_root = Category.objects.get_first_root_node()
        Category.objects.move(category, first_root, "sorted-sibling")
    else:
        Category.objects.move(category, parent, "sorted-child")
    category.refresh_from_db()


def _publish_category(category: Category, fields: list[str]) -> None:
    publish(CATEGORY_CHANGED, {"category_id": category.pk, "fields": fields})


# --- Brands ----------------------------------------------------------------


def create_brand(*, name: str, slug: str = "") -> Brand:
    """Add a brand; publishes `brand.changed`.

    Raises:
        SlugTaken: the slug given is taken.
    """
    slug = checked_slug(Brand, slug) if slug else free_slug(Brand, name)
    try:
        with transaction.atomic():
            brand = Brand.objects.create(name=name.strip(), slug=slug)
            publish(BRAND_CHANGED, {"brand_id": brand.pk, "fields": ["created"]})
    except IntegrityError as exc:
        raise SlugTaken(
            "Another brand already uses this slug.", extra={"slug": slug}
        ) from exc
    return brand


def update_brand(*, brand_id: int, name: str = UNSET, slug: str = UNSET) -> Brand:
    """Rename a brand or change its slug; publishes `brand.changed` (search
    reindexes the brand's products).

    Raises:
        BrandNotFound: no brand with this id.
        SlugTaken: another brand uses the slug.
    """
    changes: dict[str, Any] = {}
    if name is not UNSET:
        changes["name"] = name.strip()
    if slug is not UNSET:
        changes["slug"] = checked_slug(Brand, slug, exclude_pk=brand_id)
    with transaction.atomic():
        brand = locked_row(Brand, brand_id, BrandNotFound)
        for field, value in changes.items():
            setattr(brand, field, value)
        brand.save(update_fields=list(changes) or None)
        publish(BRAND_CHANGED, {"brand_id": brand.pk, "fields": list(changes)})
    return brand


def delete_brand(*, brand_id: int) -> None:
    """Delete a brand (its products keep no brand); publishes `brand.changed`.

    Raises:
        BrandNotFound: no brand with this id.
    """
    with transaction.atomic():
        brand = locked_row(Brand, brand_id, BrandNotFound)
        publish(BRAND_CHANGED, {"brand_id": brand_id, "fields": ["deleted"]})
        brand.delete()
