"""Checkout throughput on PostgreSQL: orders per second at 16 concurrent buyers.

Builds a small demo catalog (no pictures; German VAT and the demo shipping
zones come with it) once in its own PostgreSQL database, gives a set of
offers plenty of stock, serves it with `make serve` (production settings,
gunicorn, Redis for cache, sessions and the Celery queue; the keyless test
card provider switched on) and drives it with `--buyers` threads. Each
buyer, over and over: adds two offers of two shops to a new guest cart
(`POST /api/v1/cart/items/`), then places the order with a fresh
`Idempotency-Key` and the test card 4242 (`POST /api/v1/checkout/`), which
reserves the stock, freezes the order, pays it and empties the cart. It
reports completed orders per second over the run and p50/p99 of the
checkout call.

A second run gives one offer `--scarce` units and lets every buyer try to
buy it until it is gone; the database must then hold exactly that many
sold units, none reserved and none below zero: no overselling.

    uv run python bench/checkout_bench.py [--duration 30] [--buyers 16]

Needs PostgreSQL and Redis on their standard local ports. A small Python
load driver (threads, `http.client`, keep-alive) rather than wrk: every
order needs its own cart token and key, which wrk's Lua makes awkward.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field

import psycopg
import redis
from loadgen import ROOT, server_rss_mb, serving

PORT = 8767
DATABASE = "emporium_bench_checkout"
STOCK = 1_000_000
ADDRESS = {
    "first_name": "Bench",
    "last_name": "Buyer",
    "line1": "Hauptstr. 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "DE",
}
CARD = {
    "number": "4242 4242 4242 4242",
    "exp_month": 12,
    "exp_year": 2034,
    "cvc": "123",
}


# --- Data -------------------------------------------------------------------------


def prepare_database(env: dict[str, str], products: int) -> None:
    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    manage = ["uv", "run", "--frozen", "python", "manage.py"]
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **run)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "load_demo", "--if-empty", f"--products={products}", "--images=0"],
        **run,
    )


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "emporium.settings.production"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _set_stock(offer_id: int, quantity: int) -> None:
    """Make `quantity` units of the offer available: all in its first stock
    row, none in the others; through the inventory service (ledger and
    events, as staff would)."""
    from emporium.inventory.models import Stock
    from emporium.inventory.services import adjust_stock

    rows = Stock.objects.filter(offer_id=offer_id).order_by("pk")
    for index, stock in enumerate(rows):
        wanted = quantity if index == 0 else 0
        delta = wanted + stock.quantity_reserved - stock.quantity_on_hand
        if delta:
            reason = "receipt" if delta > 0 else "adjustment"
            adjust_stock(stock_id=stock.pk, delta=delta, reason=reason, actor=None)


def pick_offers(count: int) -> tuple[list[tuple[int, int]], int]:
    """(offer id, shop id) of `count` sellable offers with plenty of stock,
    and one more offer, kept apart for the scarce run."""
    from emporium.catalog.models import Offer

    candidates = list(
        Offer.objects.visible()
        .filter(currency="EUR", stocks__isnull=False)
        .exclude(stocks__backorder_allowed=True)  # backorders sell past stock
        .order_by("pk")
        .values_list("pk", "shop_id")
        .distinct()[: count + 1]
    )
    plenty, scarce = candidates[:count], candidates[count][0]
    for offer_id, _ in plenty:
        _set_stock(offer_id, STOCK)
    return plenty, scarce


def sold_figures(offer_id: int) -> dict[str, int]:
    from django.db.models import Sum

    from emporium.inventory.models import Stock
    from emporium.orders.models import OrderLine

    stock = Stock.objects.filter(offer_id=offer_id).aggregate(
        on_hand=Sum("quantity_on_hand"), reserved=Sum("quantity_reserved")
    )
    sold = OrderLine.objects.filter(offer_id=offer_id).aggregate(n=Sum("quantity"))
    return {
        "sold": sold["n"] or 0,
        "on_hand": stock["on_hand"],
        "reserved": stock["reserved"],
    }


# --- Buyers ------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    orders: int = 0
    checkout_ms: list[float] = field(default_factory=list)
    cart_ms: list[float] = field(default_factory=list)
    refusals: dict[str, int] = field(default_factory=dict)

    def refused(self, code: str) -> None:
        with self.lock:
            self.refusals[code] = self.refusals.get(code, 0) + 1


class Buyer:
    """One shopper with a keep-alive connection of its own."""

    def __init__(self, method_id: int | None = None):
        self.http = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.method_id = method_id

    def call(self, method: str, path: str, body=None, headers=None):
        payload = json.dumps(body) if body is not None else None
        headers = {"Content-Type": "application/json", **(headers or {})}
        started = time.perf_counter()
        self.http.request(method, path, payload, headers)
        response = self.http.getresponse()
        data = json.loads(response.read() or b"null")
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, response.headers, data, elapsed

    def add(self, token: str | None, offer_id: int):
        headers = {"X-Cart-Token": token} if token else {}
        status, answer_headers, data, elapsed = self.call(
            "POST", "/api/v1/cart/items/", {"offer": offer_id, "quantity": 1}, headers
        )
        return status, answer_headers.get("X-Cart-Token") or token, data, elapsed

    def shipping_method(self, token: str) -> int:
        if self.method_id is None:
            _, _, data, _ = self.call(
                "GET",
                "/api/v1/checkout/shipping-methods/?country=DE",
                headers={"X-Cart-Token": token},
            )
            self.method_id = data[0]["id"]
        return self.method_id

    def checkout(self, token: str):
        body = {
            "email": f"bench-{uuid.uuid4().hex[:8]}@example.com",
            "shipping_address": ADDRESS,
            "shipping_method": self.shipping_method(token),
            "payment_method": "card",
            "card": CARD,
        }
        headers = {"X-Cart-Token": token, "Idempotency-Key": uuid.uuid4().hex}
        return self.call("POST", "/api/v1/checkout/", body, headers)


def shop_in_a_loop(
    offers: list[tuple[int, int]], deadline: float, tally: Tally, seed: int
) -> None:
    """Two offers of two shops in a new cart, then the order; until `deadline`."""
    rng = random.Random(seed)  # noqa: S311 - picking goods, not secrets
    buyer = Buyer()
    while time.monotonic() < deadline:
        first = rng.choice(offers)
        second = rng.choice([o for o in offers if o[1] != first[1]] or offers)
        status, token, _, add_ms = buyer.add(None, first[0])
        status2, token, _, add2_ms = buyer.add(token, second[0])
        if status != 201 or status2 != 201:
            tally.refused(f"cart {status}/{status2}")
            continue
        status, _, data, elapsed = buyer.checkout(token)
        with tally.lock:
            tally.cart_ms += [add_ms, add2_ms]
            if status == 201 and data["payment"]["status"] == "succeeded":
                tally.orders += 1
                tally.checkout_ms.append(elapsed)
        if status != 201:
            tally.refused(str(data.get("code")))


def buy_the_last_units(offer_id: int, tally: Tally) -> None:
    """Keep buying one unit of the scarce offer until it is refused."""
    buyer = Buyer()
    while True:
        status, token, data, _ = buyer.add(None, offer_id)
        if status != 201:
            tally.refused(f"cart: {data.get('code')}")
            return
        status, _, data, elapsed = buyer.checkout(token)
        if status != 201:
            tally.refused(f"checkout: {data.get('code')}")
            return
        with tally.lock:
            tally.orders += 1
            tally.checkout_ms.append(elapsed)


def run_threads(target, args_for, buyers: int) -> float:
    threads = [threading.Thread(target=target, args=args_for(i)) for i in range(buyers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# --- Runs -----------------------------------------------------------------------


def measure_throughput(offers, buyers: int, duration: int) -> None:
    warm = Tally()
    run_threads(
        shop_in_a_loop, lambda i: (offers, time.monotonic() + 3, warm, i), buyers
    )
    tally = Tally()
    deadline = time.monotonic() + duration
    elapsed = run_threads(
        shop_in_a_loop, lambda i: (offers, deadline, tally, 100 + i), buyers
    )
    print(
        f"| {buyers} buyers, {elapsed:.0f} s | {tally.orders} | "
        f"{tally.orders / elapsed:.1f} | "
        f"{statistics.median(tally.checkout_ms):.0f} | "
        f"{percentile(tally.checkout_ms, 0.99):.0f} | "
        f"{statistics.median(tally.cart_ms):.0f} | {tally.refusals or '-'} |",
        flush=True,
    )


def measure_scarce(offer_id: int, units: int, buyers: int) -> None:
    _set_stock(offer_id, units)
    before = sold_figures(offer_id)["sold"]  # earlier runs on this database
    tally = Tally()
    run_threads(buy_the_last_units, lambda i: (offer_id, tally), buyers)
    figures = sold_figures(offer_id)
    sold = figures["sold"] - before
    verdict = "no overselling" if sold == units == tally.orders else "OVERSOLD"
    print(
        f"\nScarce stock: {units} units, {buyers} buyers: {tally.orders} orders "
        f"placed; the database holds {sold} more sold, on hand "
        f"{figures['on_hand']}, reserved {figures['reserved']} ({verdict}). "
        f"Refusals: {tally.refusals}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--offers", type=int, default=40)
    parser.add_argument("--buyers", type=int, default=16)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--scarce", type=int, default=25)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
        "PAYMENTS_TEST_PROVIDER_ENABLED": "true",
        "EMPORIUM_IGNORE_DOTENV": "0",
    }
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    prepare_database(env, args.products)
    setup_django(env)
    offers, scarce = pick_offers(args.offers)
    from django.db import connections

    connections.close_all()
    with serving(PORT, env):
        print(
            "| run | orders | orders/s | checkout p50 ms | checkout p99 ms "
            "| cart add p50 ms | refusals |\n|---|---:|---:|---:|---:|---:|---|"
        )
        measure_throughput(offers, args.buyers, args.duration)
        print(f"\nServer memory (arbiter + workers, RSS): {server_rss_mb():.0f} MB")
        measure_scarce(scarce, args.scarce, args.buyers)
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


if __name__ == "__main__":
    main()
