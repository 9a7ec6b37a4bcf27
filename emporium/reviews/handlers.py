"""Outbox subscribers: the purchase badge follows the buyer's orders.

A review written before the order was paid gets its badge when the order
is paid; a cancelled or refunded order takes it away again (unless another
order still counts). Idempotent: each run recomputes the badges.
"""

from typing import Any

from emporium.core.events import subscribe
from emporium.orders.constants import ORDER_CANCELLED, OrderStatus, order_status_event
from emporium.orders.selectors import get_order
from emporium.reviews.services import refresh_verified_purchases

ORDER_EVENTS = (
    order_status_event(OrderStatus.PAID),
    ORDER_CANCELLED,
    order_status_event(OrderStatus.REFUNDED),
)


def refresh_badges_of_buyer(payload: dict[str, Any]) -> None:
    order = get_order(order_id=payload["order_id"])
    if order.customer_id is not None:
        refresh_verified_purchases(user_id=order.customer_id)


def subscribe_handlers() -> None:
    for name in ORDER_EVENTS:
        subscribe(name)(refresh_badges_of_buyer)
