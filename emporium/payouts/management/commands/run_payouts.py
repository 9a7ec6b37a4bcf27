"""`manage.py run_payouts`: settle what is due to each shop into payouts."""

from django.core.management.base import BaseCommand

from emporium.core.money import format_money
from emporium.payouts.services import run_payouts


class Command(BaseCommand):
    help = (
        "Settle each shop's due balance (per currency) into a pending payout. "
        "Safe to run again, and at the same time as another run."
    )

    def handle(self, *args, **options) -> None:
        payouts = run_payouts()
        for payout in payouts:
            self.stdout.write(
                f"Payout #{payout.pk}: {format_money(payout.money)} "
                f"to shop {payout.shop_id}"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(payouts)} payout(s) created."))
