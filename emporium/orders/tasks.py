"""Celery tasks of orders: thin and idempotent."""

from celery import shared_task

from emporium.orders import services


@shared_task(name="emporium.orders.tasks.expire_unpaid_orders")
def expire_unpaid_orders() -> int:
    """Cancel unpaid orders whose stock hold ran out (Celery beat, every
    minute); their stock goes back."""
    return services.expire_unpaid_orders()
