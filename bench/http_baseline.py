"""Throughput and latency of the foundation's pages under `make serve`.

Starts the production server (gunicorn, DEBUG off, whitenoise) on a local
port, drives each URL with wrk (a real load generator, Debian package
`wrk`) and prints a Markdown table of requests/s and p50/p99 latency, plus
the server's resident memory.

    uv run python bench/http_baseline.py [--duration 10] [--connections 16]
"""

import argparse
import re

from loadgen import TABLE_HEAD, fetch, print_row, run_wrk, server_rss_mb, serving

PORT = 8765
TARGETS = [
    ("health (live)", "/health/live"),
    ("health (ready, DB check)", "/health/ready"),
    ("home page", "/"),
    ("login page", "/account/login/"),
    ("API: /me/ unauthenticated (401 JSON)", "/api/v1/me/"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with serving(PORT) as base:
        css = re.search(r'href="(/static/css/[^"]+\.css)"', fetch(base, "/"))
        targets = [*TARGETS, ("static CSS (whitenoise)", css.group(1))]
        print(TABLE_HEAD)
        for name, path in targets:
            result = run_wrk(
                f"{base}{path}", duration=args.duration, connections=args.connections
            )
            print_row(name, path, result)
        print(f"\nServer memory (arbiter + workers, RSS): {server_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
