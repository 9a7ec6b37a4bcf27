"""Celery tasks of payments: thin and idempotent."""

from celery import shared_task

from emporium.payments import services


@shared_task(name="emporium.payments.tasks.reconcile_payments")
def reconcile_payments() -> int:
    """Settle payments stuck with their provider (Celery beat); how many
    changed."""
    lines = services.reconcile_payments()
    return sum(1 for line in lines if line.note == "settled")
