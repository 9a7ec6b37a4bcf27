"""Template filters for order pages and order emails: money, country names,
status labels and badge styles."""

from decimal import Decimal

from django import template
from django_countries import countries

from emporium.core.money import Money, format_money
from emporium.orders.constants import FulfilmentStatus, OrderEventType, OrderStatus
from emporium.orders.models import OrderEvent

register = template.Library()

_ORDER_LABELS = dict(OrderStatus.choices)
_SHIPMENT_TEXT = {
    FulfilmentStatus.SHIPPED: "A shipment is on its way",
    FulfilmentStatus.DELIVERED: "A shipment was delivered",
    FulfilmentStatus.CANCELLED: "A shipment was cancelled",
}
# What a line's shipment means to the buyer, per fulfilment status.
_LINE_SHIPMENT_TEXT = {
    FulfilmentStatus.PENDING: "Being prepared by the shop",
    FulfilmentStatus.SHIPPED: "Shipped",
    FulfilmentStatus.DELIVERED: "Delivered",
    FulfilmentStatus.CANCELLED: "Cancelled: this item will not be sent",
}
_BADGES = {
    OrderStatus.CANCELLED: "badge",
    OrderStatus.REFUNDED: "badge",
    OrderStatus.PENDING: "badge-warning",
    OrderStatus.AWAITING_PAYMENT: "badge-warning",
    OrderStatus.DELIVERED: "badge-success",
    FulfilmentStatus.SHIPPED: "badge-brand",
}


@register.filter
def money(value: Money | None) -> str:
    """ "€19.99" for a `Money` (an empty string for None)."""
    return format_money(value) if value is not None else ""


@register.filter
def amount_in(amount: Decimal | None, currency: str) -> Money | None:
    """A bare amount (an annotation) as `Money` in `currency`."""
    return Money(amount, currency) if amount is not None else None


@register.filter
def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 alpha-2 code ("DE": "Germany")."""
    return countries.name(code) or code


@register.filter
def order_status_label(value: str) -> str:
    """The buyer's word for an order status value ("awaiting_payment")."""
    return _ORDER_LABELS.get(value, value)


@register.filter
def timeline_text(event: OrderEvent) -> str:
    """One line of the order's timeline as the buyer reads it."""
    if event.type == OrderEventType.PLACED:
        return "Order placed"
    if event.type == OrderEventType.STATUS_CHANGED:
        return _ORDER_LABELS.get(event.to_status, event.to_status)
    if event.type == OrderEventType.FULFILMENT_CHANGED:
        text = _SHIPMENT_TEXT.get(event.to_status, "A shipment was updated")
        carrier = event.data.get("carrier") or ""
        number = event.data.get("tracking_number") or ""
        tracking = ", ".join(part for part in (carrier, number) if part)
        return f"{text} ({tracking})" if tracking else text
    return event.get_type_display()


@register.filter
def shipment_status_text(value: str) -> str:
    """The buyer's words for the shipment status of an order line."""
    return _LINE_SHIPMENT_TEXT.get(value, value)


@register.filter
def status_badge(value: str) -> str:
    """The badge style of a status."""
    return _BADGES.get(value, "badge-brand")
