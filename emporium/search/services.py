"""Writes of search: keeping the index in step with the catalog, and the
query log.

The index is derived data: `reindex_products` rebuilds the rows of the
given products from catalog and inventory reads (visible products get a
document, the rest lose theirs), so running it twice is harmless.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from emporium.catalog.models import Category, Product
from emporium.search.cache import bump_index_version
from emporium.search.constants import MAX_QUERY_LENGTH
from emporium.search.indexing import build_documents
from emporium.search.models import (
    ProductSearchDocument,
    SearchFacetTerm,
    SearchQueryLog,
)
from emporium.search.types import SearchQuery


def reindex_product(*, product_id: int) -> bool:
    """Build, update or delete one product's document; True when it is indexed."""
    return product_id in reindex_products(product_ids=[product_id])


def reindex_products(*, product_ids: Iterable[int]) -> set[int]:
    """Rebuild the documents of `product_ids`; return the ids now indexed.

    Runs in one transaction: a reader sees the old rows or the new ones.
    On SQLite the FTS5 table is updated in the same transaction.
    """
    ids = sorted(set(product_ids))
    if not ids:
        return set()
    built = build_documents(ids)
    with transaction.atomic():
        transaction.on_commit(bump_index_version)
        ProductSearchDocument.objects.filter(pk__in=ids).delete()
        ProductSearchDocument.objects.bulk_create([b.document for b in built.values()])
        SearchFacetTerm.objects.bulk_create(
            [term for b in built.values() for term in b.terms]
        )
        if connection.vendor == "sqlite":
            from emporium.search.backends.sqlite import sync_fts

            sync_fts(ids, [b.document for b in built.values()])
        elif connection.vendor == "postgresql":
            from emporium.search.backends.postgres import sync_documents

            sync_documents(ids)
    return set(built)


def reindex_all(*, batch: int = 1000) -> int:
    """Rebuild the whole index in batches; return how many products are indexed.

    Documents of products that no longer exist go with them (cascade);
    those of invisible products are dropped batch by batch.
    """
    indexed = _reindex_in_batches(Product.objects.all(), batch=batch)
    if connection.vendor == "sqlite":
        from emporium.search.backends.sqlite import prune_vocabulary

        prune_vocabulary()
    return indexed


def reindex_products_of_category(*, category_id: int, batch: int = 1000) -> int:
    """Rebuild the products filed in the category or below it (renamed,
    moved, (de)activated: their category names and facet terms changed)."""
    path = (
        Category.objects.filter(pk=category_id).values_list("path", flat=True).first()
    )
    if path is None:
        return 0  # deleted: categories holding products cannot be
    products = Product.objects.filter(category__path__startswith=path)
    return _reindex_in_batches(products, batch=batch)


def reindex_products_of_brand(*, brand_id: int, batch: int = 1000) -> int:
    """Rebuild the brand's products, and those whose documents still name it
    (a deleted brand leaves its products without one)."""
    products = Product.objects.filter(
        Q(brand_id=brand_id) | Q(search_document__brand_id=brand_id)
    )
    return _reindex_in_batches(products, batch=batch)


def _reindex_in_batches(products: QuerySet[Product], *, batch: int) -> int:
    """Rebuild `products` `batch` at a time (by id), so memory and each
    transaction stay bounded whatever their number; return how many are
    indexed."""
    indexed = 0
    last_id = 0
    while True:
        ids = list(
            products.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return indexed
        indexed += len(reindex_products(product_ids=ids))
        last_id = ids[-1]


def reindex_products_of_shop(*, shop_id: int) -> int:
    """Rebuild every product the shop created or offers (its status changed)."""
    ids = set(
        Product.objects.filter(shop_id=shop_id).values_list("pk", flat=True)
    ) | set(
        Product.objects.filter(variants__offers__shop_id=shop_id).values_list(
            "pk", flat=True
        )
    )
    return len(reindex_products(product_ids=ids))


def normalize_query(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())[:MAX_QUERY_LENGTH]


def log_search(*, query: SearchQuery, result_count: int) -> SearchQueryLog:
    """Record a buyer's search and how many products it found."""
    filters: dict[str, Any] = {
        key: value
        for key, value in query.filters_for_log().items()
        if value not in (None, "", {}, [])
    }
    return SearchQueryLog.objects.create(
        query=(query.text or "")[:MAX_QUERY_LENGTH],
        normalized_query=normalize_query(query.text),
        filters=filters,
        result_count=result_count,
    )
