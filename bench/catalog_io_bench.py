"""Catalog CSV import and export at size, on PostgreSQL.

Makes its own database (dropped and made anew), migrates it, sets up two
shops with warehouses, categories, brands, options and attributes, writes a
CSV of `--lines` lines (two sizes per product, attributes, stock in two
warehouses) and times, in this process:

1. validating the file (the plan; no writes),
2. importing it (every product, variant, offer and stock row is new),
   split into the writes inside the transaction and the commit with its
   after-commit work (events handed to Celery),
3. exporting the catalog,
4. importing the export unchanged (no writes expected),
5. importing the export with every price changed.

Peak memory: Python allocations (tracemalloc) of validation and export,
in a second run of each; and the process's resident high-water mark.

    uv run python bench/catalog_io_bench.py --lines 10000 [--eager]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres). Events go to the Redis
broker named by REDIS_URL (as with workers in production), or with
`--eager` are handled in this process after commit (search indexing).
"""

import argparse
import csv
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _gtin13(number: int) -> str:
    body = f"20{number % 10**10:010d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body[::-1]))
    return f"{body}{(10 - total % 10) % 10}"


def _setup_database(name: str) -> None:
    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _reference_data() -> None:
    from emporium.catalog.constants import AttributeType
    from emporium.catalog.models import (
        Attribute,
        AttributeChoice,
        Brand,
        Category,
        Option,
    )
    from emporium.inventory.models import Warehouse
    from emporium.vendors.models import Shop

    for slug in ("acme", "globex"):
        shop = Shop.objects.create(name=slug.title(), slug=slug, status="approved")
        for code in ("main", "backup"):
            Warehouse.objects.create(shop=shop, name=code, code=code, country="DE")
    for n in range(20):
        Category.objects.add_root({"name": f"Category {n}", "slug": f"category-{n}"})
        Brand.objects.create(name=f"Brand {n}", slug=f"brand-{n}")
    Option.objects.create(code="size", name="Size")
    material = Attribute.objects.create(
        code="material", name="Material", type=AttributeType.CHOICE
    )
    for value in ("Cotton", "Wool", "Linen"):
        AttributeChoice.objects.create(
            attribute=material, value=value, slug=value.lower()
        )
    Attribute.objects.create(
        code="waterproof", name="Waterproof", type=AttributeType.BOOL
    )


def _file(lines: int) -> bytes:
    from emporium.catalog_io.csv_format import build_header

    header = build_header(
        option_codes=["size"],
        warehouse_codes=["backup", "main"],
        attribute_codes=["material", "waterproof"],
    )
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for n in range(lines):
        product = n // 2
        cells = {
            "shop": "acme" if product % 2 else "globex",
            "sku": f"SKU-{n:06d}",
            "product_slug": f"product-{product}",
            "title": f"Product {product}",
            "status": "active",
            "category": f"category-{product % 20}",
            "brand": f"brand-{product % 20}",
            "tax_class": "standard",
            "description": f"<p>Description of product {product}.</p>",
            "option:size": "SM"[n % 2],
            "weight_grams": "250",
            "barcode": _gtin13(n) if n % 3 == 0 else "",
            "price": f"{10 + n % 90}.99",
            "currency": "EUR",
            "compare_at_price": "",
            "offer_active": "yes",
            "stock:main": str(n % 17),
            "stock:backup": str(n % 5),
            "attr:material": ("cotton", "wool", "linen")[product % 3],
            "attr:waterproof": "yes" if product % 2 else "no",
        }
        writer.writerow([cells.get(column, "") for column in header])
    return out.getvalue().encode()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb(step) -> float:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def _report(label: str, seconds: float, extra: str = "") -> None:
    print(f"| {label} | {seconds:.1f} s | {extra} | {_rss_mb():.0f} MB |", flush=True)


def _import(data: bytes) -> tuple[float, float, float, dict]:
    from django.db import transaction

    from emporium.catalog_io.planning import plan_catalog_import
    from emporium.catalog_io.services import apply_import_plan

    started = time.perf_counter()
    plan = plan_catalog_import(data)
    planned = time.perf_counter()
    with transaction.atomic():
        apply_import_plan(plan, actor=None)
        written = time.perf_counter()
    committed = time.perf_counter()
    return planned - started, written - planned, committed - written, plan.counts()


def _export() -> bytes:
    from emporium.catalog_io.export import export_catalog

    out = io.StringIO(newline="")
    export_catalog(out=out)
    return out.getvalue().encode()


def _with_new_prices(data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    price = rows[0].index("price")
    for row in rows[1:]:
        row[price] = f"{int(row[price].split('.')[0]) + 1}.49"
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--database", default="emporium_h2_bench_catalog_io")
    parser.add_argument("--eager", action="store_true")
    args = parser.parse_args()
    _setup_database(args.database)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emporium.settings.production")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    if args.eager:
        os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _reference_data()
    data = _file(args.lines)
    print(f"{args.lines:,} lines, {len(data) / 1024 / 1024:.1f} MB\n")
    print("| step | time | detail | process RSS high-water |")
    print("| --- | --- | --- | --- |")
    _run_steps(data)


def _run_steps(data: bytes) -> None:
    from emporium.catalog_io.planning import plan_catalog_import
    from emporium.core.models import OutboxEvent

    started = time.perf_counter()
    plan_catalog_import(data)
    elapsed = time.perf_counter() - started
    peak = _peak_mb(lambda: plan_catalog_import(data))
    _report("validate (all lines new)", elapsed, f"tracemalloc peak {peak:.0f} MB")
    plan_s, write_s, commit_s, counts = _import(data)
    events = OutboxEvent.objects.count()
    _report(
        "import (all new)",
        plan_s + write_s + commit_s,
        f"validate {plan_s:.1f} s, writes {write_s:.1f} s, commit + after-commit "
        f"{commit_s:.1f} s; {counts}; {events:,} events",
    )
    started = time.perf_counter()
    exported = _export()
    elapsed = time.perf_counter() - started
    _report("export", elapsed, f"tracemalloc peak {_peak_mb(_export):.0f} MB")
    plan_s, write_s, commit_s, counts = _import(exported)
    _report("import export unchanged", plan_s + write_s + commit_s, f"{counts}")
    changed = _with_new_prices(exported)
    before = OutboxEvent.objects.count()
    plan_s, write_s, commit_s, counts = _import(changed)
    _report(
        "import every price changed",
        plan_s + write_s + commit_s,
        f"validate {plan_s:.1f} s, writes {write_s:.1f} s, commit {commit_s:.1f} s; "
        f"{counts}; {OutboxEvent.objects.count() - before:,} events",
    )


if __name__ == "__main__":
    main()
