"""Celery tasks of payouts: thin, idempotent, each calls a service."""

from celery import shared_task

from emporium.payouts import services


@shared_task(name="emporium.payouts.tasks.run_payouts")
def run_payouts() -> int:
    """Settle every shop's due balance (Celery beat, daily); how many payouts."""
    return len(services.run_payouts())
