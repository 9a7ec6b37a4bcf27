"""`manage.py reconcile_payments`: settle or report stuck payments."""

from django.core.management.base import BaseCommand, CommandParser

from emporium.payments.constants import RECONCILE_AFTER_MINUTES
from emporium.payments.services import reconcile_payments


class Command(BaseCommand):
    help = (
        "Ask the provider about payments stuck in processing or requires_action "
        "and settle them (or only report, with --dry-run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=RECONCILE_AFTER_MINUTES,
            metavar="MINUTES",
            help="only payments unchanged this long "
            f"(default {RECONCILE_AFTER_MINUTES})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="ask, report, change nothing"
        )

    def handle(self, *args, older_than: int, dry_run: bool, **options) -> None:
        lines = reconcile_payments(older_than_minutes=older_than, dry_run=dry_run)
        for line in lines:
            self.stdout.write(
                f"payment {line.payment_id} (order {line.order_number}): "
                f"{line.was} -> provider {line.provider_says} -> {line.now}: "
                f"{line.note}"
            )
        settled = sum(1 for line in lines if line.note == "settled")
        self.stdout.write(
            self.style.SUCCESS(f"{len(lines)} stuck payment(s), {settled} settled.")
        )
