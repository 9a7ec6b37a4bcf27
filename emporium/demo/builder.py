"""Build the demo catalog: reference data first, then products in batches
of `BATCH_SIZE`, each batch in its own transaction, then collections and
pictures, then the marketplace around them (branches, reviews, a vendor
login: `marketplace`). `build_demo()` is what `manage.py load_demo` calls.

Shops go through the vendors services (so their status history exists);
the bulk of the catalog is planned in memory (`plans`) and inserted with
`bulk_create` (`rows`), which is what makes 100,000 products take minutes.
Bulk inserts publish no `product.created` / `offer.created` events: rebuild
search indexes and caches after a load.
"""

import os
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max

from emporium.catalog.constants import ProductStatus
from emporium.catalog.models import Collection, CollectionProduct, Product
from emporium.demo import data
from emporium.demo.images import add_pictures
from emporium.demo.marketplace import add_reviews, ensure_branches, ensure_vendor_login
from emporium.demo.plans import ProductPlan, plan_product
from emporium.demo.reference import Reference, ensure_reference
from emporium.demo.rows import BATCH_SIZE, write_batch
from emporium.pricing.demo import create_demo_tax_rates
from emporium.search.services import reindex_all
from emporium.shipping.demo import create_demo_shipping

COLLECTION_SIZE = 24
IMAGES_WHEN_LARGE = 200  # products with pictures in catalogs over 1,000


@dataclass(frozen=True)
class DemoOptions:
    products: int = 600
    seed: int = 42
    images: int | None = None  # products that get pictures; None: the default
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # for pictures

    @property
    def products_with_images(self) -> int:
        if self.images is not None:
            return min(self.images, self.products)
        return self.products if self.products <= 1000 else IMAGES_WHEN_LARGE


@dataclass
class Showcase:
    """Product ids the collections and pictures are picked from."""

    listed: list[int]  # active products of approved shops, in creation order
    reduced: list[int]  # ... of which with a compare-at price
    first: list[int]  # the run's first products, for pictures


def _track(showcase: Showcase, plans: list[ProductPlan], ref: Reference) -> None:
    for plan in plans:
        product = plan.product
        showcase.first.append(product.pk)
        if (
            product.status == ProductStatus.ACTIVE
            and product.shop_id != ref.pending_shop.pk
        ):
            showcase.listed.append(product.pk)
            if plan.has_compare_at:
                showcase.reduced.append(product.pk)


def _build_products(
    options: DemoOptions, rng: random.Random, ref: Reference, log: Callable
) -> tuple[Counter, Showcase]:
    serial_start = (Product.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    counts, showcase = Counter(), Showcase([], [], [])
    for start in range(0, options.products, BATCH_SIZE):
        stop = min(options.products, start + BATCH_SIZE)
        plans = [
            plan_product(rng, ref, index=i, serial=serial_start + i)
            for i in range(start, stop)
        ]
        with transaction.atomic():
            counts.update(write_batch(plans))
        _track(showcase, plans, ref)
        del showcase.first[options.products_with_images :]
        log(f"  {stop:,} / {options.products:,} products")
    return counts, showcase


def _fill_collections(rng: random.Random, showcase: Showcase) -> int:
    picks = {
        "new-arrivals": showcase.listed[-COLLECTION_SIZE:][::-1],
        "best-sellers": rng.sample(
            showcase.listed, min(COLLECTION_SIZE, len(showcase.listed))
        ),
        "sale": showcase.reduced[:COLLECTION_SIZE],
    }
    entries = []
    with transaction.atomic():
        for name, slug, is_featured, description in data.COLLECTIONS:
            collection, _ = Collection.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "is_featured": is_featured,
                    "description": description,
                },
            )
            entries += [
                CollectionProduct(collection=collection, product_id=pk, position=i)
                for i, pk in enumerate(picks[slug])
            ]
        # A second run adds its products after the first run's, never twice.
        CollectionProduct.objects.bulk_create(entries, ignore_conflicts=True)
    return len(entries)


def build_demo(options: DemoOptions, *, log: Callable[[str], None] = print) -> Counter:
    """Create the demo catalog; returns how many rows of each kind it wrote.

    Not one transaction: each batch commits on its own, so a large build
    shows progress and an interrupted one keeps what it finished.
    """
    # Reproducible demo data, not secrets: a seeded PRNG is the point.
    rng = random.Random(options.seed)  # noqa: S311
    with transaction.atomic():
        ref = ensure_reference()
    counts, showcase = _build_products(options, rng, ref, log)
    counts["collection_entries"] = _fill_collections(rng, showcase)
    # What a purchase needs besides products: tax rates and shipping.
    counts["tax_rates"] = create_demo_tax_rates()
    counts["shipping_methods"] = create_demo_shipping()["methods"]
    products = Product.objects.filter(pk__in=showcase.first).order_by("pk")
    counts["images"] = add_pictures(
        list(products),
        rng=random.Random(options.seed),  # noqa: S311
        jobs=options.jobs,
    )
    # The marketplace around the catalog, through the services.
    log("branches, reviews and the demo vendor's login")
    counts["branches"] = ensure_branches(ref.shops)
    counts["reviews"] = add_reviews(
        random.Random(options.seed),  # noqa: S311
        showcase.listed,
        ref.shops,
    )
    ensure_vendor_login(ref.shops[0])
    # Bulk rows publish no events: index the whole catalog once, at the end.
    log("indexing for search")
    counts["search_documents"] = reindex_all()
    # Fresh planner statistics: without them PostgreSQL guesses one row per
    # table after a bulk load and picks plans thousands of times slower.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts
