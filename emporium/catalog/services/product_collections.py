"""Writes of collections: hand-picked, ordered product sets.

Every change publishes `collection.changed`, which bumps the page cache
(the home page shows featured collections); search indexes no collection.
"""

from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from emporium.catalog.constants import COLLECTION_CHANGED
from emporium.catalog.errors import (
    CollectionNotFound,
    InvalidCollectionProducts,
    SlugTaken,
)
from emporium.catalog.models import Collection, CollectionProduct, Product
from emporium.catalog.services.products import UNSET
from emporium.catalog.services.rows import checked_slug, free_slug, locked_row
from emporium.core.events import publish


def create_collection(
    *, name: str, slug: str = "", description: str = "", is_featured: bool = False
) -> Collection:
    """Add an (empty) collection; publishes `collection.changed`.

    Raises:
        SlugTaken: the slug given is taken.
    """
    slug = checked_slug(Collection, slug) if slug else free_slug(Collection, name)
    try:
        with transaction.atomic():
            collection = Collection.objects.create(
                name=name.strip(),
                slug=slug,
                description=description.strip(),
                is_featured=is_featured,
            )
            _publish_collection(collection.pk, ["created"])
    except IntegrityError as exc:
        raise SlugTaken(
            "Another collection already uses this slug.", extra={"slug": slug}
        ) from exc
    return collection


def update_collection(
    *,
    collection_id: int,
    name: str = UNSET,
    slug: str = UNSET,
    description: str = UNSET,
    is_featured: bool = UNSET,
) -> Collection:
    """Change the given fields; publishes `collection.changed`.

    Raises:
        CollectionNotFound: no collection with this id.
        SlugTaken: another collection uses the slug.
    """
    changes: dict[str, Any] = {}
    if name is not UNSET:
        changes["name"] = name.strip()
    if slug is not UNSET:
        changes["slug"] = checked_slug(Collection, slug, exclude_pk=collection_id)
    if description is not UNSET:
        changes["description"] = description.strip()
    if is_featured is not UNSET:
        changes["is_featured"] = bool(is_featured)
    with transaction.atomic():
        collection = locked_row(Collection, collection_id, CollectionNotFound)
        for field, value in changes.items():
            setattr(collection, field, value)
        collection.save(update_fields=list(changes) or None)
        _publish_collection(collection.pk, list(changes))
    return collection


def set_collection_products(
    *, collection_id: int, product_ids: Sequence[int]
) -> list[CollectionProduct]:
    """Make `product_ids`, in this order, the collection's products
    (positions 0, 1, ...); publishes `collection.changed`.

    Raises:
        CollectionNotFound: no collection with this id.
        InvalidCollectionProducts: an unknown or repeated product id;
            nothing changes.
    """
    ids = list(product_ids)
    known = set(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [pk for pk in ids if pk not in known]
    repeated = sorted(pk for pk, n in Counter(ids).items() if n > 1)
    if unknown or repeated:
        raise InvalidCollectionProducts(
            "Each product must exist and appear once.",
            fields={"product_ids": ["Unknown or repeated products."]},
            extra={"unknown": unknown, "repeated": repeated},
        )
    with transaction.atomic():
        collection = locked_row(Collection, collection_id, CollectionNotFound)
        collection.entries.all().delete()
        entries = CollectionProduct.objects.bulk_create(
            CollectionProduct(collection=collection, product_id=pk, position=n)
            for n, pk in enumerate(ids)
        )
        _publish_collection(collection.pk, ["products"])
    return entries


def delete_collection(*, collection_id: int) -> None:
    """Delete a collection (not its products); publishes `collection.changed`.

    Raises:
        CollectionNotFound: no collection with this id.
    """
    with transaction.atomic():
        collection = locked_row(Collection, collection_id, CollectionNotFound)
        _publish_collection(collection_id, ["deleted"])
        collection.delete()


def _publish_collection(collection_id: int, fields: list[str]) -> None:
    publish(COLLECTION_CHANGED, {"collection_id": collection_id, "fields": fields})
