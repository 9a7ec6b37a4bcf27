"""Writes of orders, one module per idea; import them from here."""

from emporium.orders.services.fulfilments import (
    mark_fulfilment_delivered,
    mark_fulfilment_shipped,
)
from emporium.orders.services.lifecycle import (
    cancel_order,
    expire_order,
    expire_unpaid_orders,
    mark_order_awaiting_payment,
    mark_order_paid,
)
from emporium.orders.services.placing import place_order
from emporium.orders.services.refunds import record_order_refund

__all__ = [
    "cancel_order",
    "expire_order",
    "expire_unpaid_orders",
    "mark_fulfilment_delivered",
    "mark_fulfilment_shipped",
    "mark_order_awaiting_payment",
    "mark_order_paid",
    "place_order",
    "record_order_refund",
]
