"""Catalog pages, search and the catalog API on PostgreSQL + Redis.

Builds a demo catalog of `--products` products (no pictures) once in its
own PostgreSQL database, serves it with `make serve` (Redis for cache and
sessions), and measures with wrk: home, a category page, a product page,
the search page and the product list/search/detail API. Cached pages are
warmed first (anonymous pages are cached). Then it times the search
backend itself, uncached, over a fixed list of queries (p50/p95): once
through the search API over HTTP one request at a time (search result
cache off), once in-process (the engine alone).

    uv run python bench/catalog_bench.py --products 10000 [--duration 10]

Needs PostgreSQL and Redis on their standard local ports, and wrk.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import psycopg
import redis
from loadgen import (
    ROOT,
    TABLE_HEAD,
    fetch,
    print_row,
    run_wrk,
    server_rss_mb,
    serving,
)

PORT = 8766
QUERIES = [
    "jacket",
    "black jacket",
    "t-shirt",
    "tshrit",
    "blck jakcet",
    "shoe",
    "running",
    "wool",
    "lamp",
    "charger",
    "cotton shirt",
    "boot",
    "red",
    "heritage",
    "coastal parka",
    "linen",
    "trail",
    "usb",
    "mug",
    "sofa",
]


def prepare(env: dict[str, str], products: int, database: str) -> None:
    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    manage = ["uv", "run", "--frozen", "python", "manage.py"]
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **run)  # noqa: S603
    started = time.monotonic()
    subprocess.run(  # noqa: S603
        [*manage, "load_demo", "--if-empty", f"--products={products}", "--images=0"],
        **run,
    )
    print(f"catalog ready in {time.monotonic() - started:.0f} s", flush=True)


def measure_pages(duration: int, connections: int, env: dict[str, str]) -> None:
    with serving(PORT, env) as base:
        home = fetch(base, "/")
        category = re.search(r'href="(/c/[^"]+/)"', home).group(1)
        product = re.search(r'href="(/p/[^"]+/)"', home).group(1)
        slug = product.strip("/").split("/")[-1]
        targets = [
            ("home (cached)", "/"),
            ("category page (cached)", category),
            ("product page (cached)", product),
            ("search page", "/search/?q=jacket"),
            ("API product list", "/api/v1/products/"),
            ("API product search", "/api/v1/products/?q=jacket"),
            ("API product detail", f"/api/v1/products/{slug}/"),
        ]
        for _, path in targets:  # warm caches and workers
            fetch(base, path)
        print(TABLE_HEAD)
        for name, path in targets:
            result = run_wrk(
                f"{base}{path}", duration=duration, connections=connections
            )
            print_row(name, path, result)
        print(f"\nServer memory (arbiter + workers, RSS): {server_rss_mb():.0f} MB")


def measure_search_over_http(env: dict[str, str], rounds: int) -> None:
    """The search API one request at a time, with the search result cache
    off (`SEARCH_RESULT_CACHE_SECONDS=0`): what a buyer waits for a query
    nobody asked before, parsing, search, serialization and HTTP included."""
    from urllib.parse import quote

    uncached = {**env, "SEARCH_RESULT_CACHE_SECONDS": "0"}
    with serving(PORT, uncached) as base:
        fetch(base, "/api/v1/products/?q=warmup")
        timings: list[float] = []
        for _ in range(rounds):
            for text in QUERIES:
                started = time.perf_counter()
                fetch(base, f"/api/v1/products/?q={quote(text)}")
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"\nSearch API over HTTP, uncached, one at a time, {len(timings)} "
        f"requests: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
        f"max {timings[-1]:.1f} ms"
    )


def measure_search(env: dict[str, str], rounds: int) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "emporium.settings.production"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from emporium.catalog.models import Product
    from emporium.search.backends import get_backend
    from emporium.search.types import SearchQuery

    backend = get_backend(cached=False)  # the engine itself, uncached
    timings: list[float] = []
    for _ in range(rounds):
        for text in QUERIES:
            started = time.perf_counter()
            backend.search(SearchQuery(text=text))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"\nSearch backend, uncached, {Product.objects.count():,} products, "
        f"{len(timings)} searches: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--search-rounds", type=int, default=5)
    args = parser.parse_args()
    database = f"emporium_bench_{args.products}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "EMPORIUM_IGNORE_DOTENV": "0",
    }
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    prepare(env, args.products, database)
    measure_pages(args.duration, args.connections, env)
    measure_search_over_http(env, args.search_rounds)
    measure_search(env, args.search_rounds)


if __name__ == "__main__":
    main()
