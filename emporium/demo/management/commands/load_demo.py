"""`manage.py load_demo`: build the demo catalog (see `emporium.demo.builder`)."""

import time

from django.core.management.base import BaseCommand

from emporium.catalog.models import Product
from emporium.demo.builder import DemoOptions, build_demo
from emporium.demo.management.commands.demo_logins import print_vendor_login


class Command(BaseCommand):
    help = "Load demo shops, categories, products, offers, stock and pictures."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=600)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--images",
            type=int,
            default=None,
            help="Products that get pictures (default: all up to 1,000, else 200).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any product exists (make run uses this).",
        )

    def handle(self, *args, products, seed, images, if_empty, **options):
        if if_empty and Product.objects.exists():
            self.stdout.write("demo data already present")
            return
        started = time.monotonic()
        counts = build_demo(
            DemoOptions(products=products, seed=seed, images=images),
            log=self.stdout.write,
        )
        summary = ", ".join(f"{name} {n:,}" for name, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.monotonic() - started:.1f} s: {summary}"
            )
        )
        print_vendor_login(self)
