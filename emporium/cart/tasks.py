"""Celery tasks of carts: thin and idempotent, each calls a service."""

from celery import shared_task

from emporium.cart.services import delete_abandoned_guest_carts


@shared_task(name="emporium.cart.tasks.delete_abandoned_guest_carts")
def delete_abandoned_guest_carts_task(older_than_days: int = 30) -> int:
    """Delete guest carts untouched for `older_than_days`; return how many.

    Meant for Celery beat (daily); running it twice deletes nothing more.
    """
    return delete_abandoned_guest_carts(older_than_days=older_than_days)
