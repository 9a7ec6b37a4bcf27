"""Where a search spends its time: per query, each SQL statement's time.

Runs the configured search backend in-process against the database in
DATABASE_URL (e.g. the one `catalog_bench.py --products 100000` built):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/emporium_bench_100000 \\
        uv run python bench/search_profile.py [--rounds 3] [--explain]

Prints, per query text, the best-of-rounds total and the statements in
order (first line of each), so a slow part shows at a glance.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from catalog_bench import QUERIES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emporium.settings.dev")
    import django

    django.setup()
    from django.db import connection

    from emporium.search.backends import get_backend
    from emporium.search.types import SearchQuery

    backend = get_backend()
    for text in args.queries:
        best: tuple[float, list] | None = None
        for _ in range(args.rounds):
            statements: list[tuple[float, str]] = []

            def timed(execute, sql, params, many, context, statements=statements):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    elapsed = (time.perf_counter() - started) * 1000
                    statements.append((elapsed, sql))

            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                found = backend.search(SearchQuery(text=text))
            total = (time.perf_counter() - started) * 1000
            if best is None or total < best[0]:
                best = (total, statements, found.total)
        total, statements, hits = best
        print(f"{text!r}: {total:.1f} ms, {hits} hits")
        for elapsed, sql in statements:
            print(f"    {elapsed:7.1f} ms  {sql[:110]}")


if __name__ == "__main__":
    main()
