"""Order and fulfilment statuses, timeline event types, event names, limits."""

from django.db import models


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    AWAITING_PAYMENT = "awaiting_payment", "Awaiting payment"
    PAID = "paid", "Paid"
    PARTIALLY_FULFILLED = "partially_fulfilled", "Partially shipped"
    FULFILLED = "fulfilled", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"
    PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"


class FulfilmentStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


class OrderEventType(models.TextChoices):
    PLACED = "placed", "Order placed"
    STATUS_CHANGED = "status_changed", "Status changed"
    FULFILMENT_CHANGED = "fulfilment_changed", "Shipment updated"
    REFUND_RECORDED = "refund_recorded", "Refund recorded"


# A buyer may cancel only before paying; staff may also cancel a paid order
# (its money is then refunded by payments).
BUYER_CANCELLABLE = frozenset({OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT})
STAFF_CANCELLABLE = BUYER_CANCELLABLE | {OrderStatus.PAID}
UNPAID = BUYER_CANCELLABLE
# Statuses in which shops ship; the order status follows its fulfilments
# only in the first three (a refund status stays until the refund is whole).
FULFILLABLE = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.PARTIALLY_FULFILLED,
        OrderStatus.FULFILLED,
        OrderStatus.PARTIALLY_REFUNDED,
    }
)
FOLLOWS_FULFILMENTS = frozenset(
    {OrderStatus.PAID, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED}
)

# Events published to the outbox.
ORDER_PLACED = "order.placed"
FULFILMENT_SHIPPED = "fulfilment.shipped"
FULFILMENT_DELIVERED = "fulfilment.delivered"
FULFILMENT_CANCELLED = "fulfilment.cancelled"
ORDER_REFUND_RECORDED = "order.refund_recorded"


def order_status_event(status: str) -> str:
    """The event published when an order enters `status` ("order.paid")."""
    return f"order.{status}"


ORDER_PAID = order_status_event(OrderStatus.PAID)
ORDER_CANCELLED = order_status_event(OrderStatus.CANCELLED)

# Order numbers: "EM-" and 6 characters drawn at random from Crockford's
# base-32 alphabet without 0 and 1 (it already has no I, L, O, U), so no two
# characters look alike: 30**6 = 729 million numbers.
ORDER_NUMBER_PREFIX = "EM-"
ORDER_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
ORDER_NUMBER_LENGTH = 6
ORDER_NUMBER_ATTEMPTS = 8

IDEMPOTENCY_KEY_MAX_LENGTH = 100
# Lifetime of the signed link in a guest's order emails.
ORDER_ACCESS_MAX_AGE = 90 * 24 * 60 * 60
ORDER_ACCESS_SALT = "emporium.orders.guest-access"

EXPIRED_REASON = "Payment was not completed in time; the items went back to stock."
