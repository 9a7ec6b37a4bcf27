"""Celery tasks of inventory: thin and idempotent."""

from celery import shared_task

from emporium.inventory import reservations


@shared_task(name="emporium.inventory.tasks.release_expired_reservations")
def release_expired_reservations() -> int:
    """Return the stock of reservations that ran out (Celery beat, every
    minute); the orders that held them are cancelled on the event."""
    return reservations.release_expired_reservations()
