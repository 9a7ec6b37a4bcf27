"""Emails to buyers in answer to order events: confirmation, cancellation,
shipment with tracking. HTML + text, sent by the outbox task after the
order change committed.

A handler runs once per event once it succeeded (the outbox records it);
if sending fails it is retried, so at worst a buyer gets a mail twice,
never not at all. Guests get the signed link to their order page, buyers
with an account the link to "My Account".
"""

from typing import Any

from django.urls import reverse

from emporium.core.events import subscribe
from emporium.notifications.email import absolute_url, send_templated_email
from emporium.orders.access import order_access_url
from emporium.orders.constants import FULFILMENT_SHIPPED, ORDER_CANCELLED, ORDER_PLACED
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order
from emporium.orders.selectors import get_order, list_shipments


def _order_link(order: Order) -> str:
    if order.customer_id is None:
        return order_access_url(order)
    return absolute_url(reverse("orders:detail", args=[order.number]))


def _find_order(order_id: int) -> Order | None:
    try:
        return get_order(order_id=order_id)
    except OrderNotFound:
        return None


def _send(order: Order, template: str, **context: Any) -> None:
    send_templated_email(
        to=order.email,
        template=template,
        context={
            "order": order,
            "link": _order_link(order),
            "is_guest": order.customer_id is None,
            **context,
        },
    )


@subscribe(ORDER_PLACED)
def send_order_confirmation(payload: dict[str, Any]) -> None:
    order = _find_order(payload["order_id"])
    if order is not None:
        _send(order, "order_confirmation", shipments=list_shipments(order))


@subscribe(ORDER_CANCELLED)
def send_order_cancelled(payload: dict[str, Any]) -> None:
    order = _find_order(payload["order_id"])
    if order is not None:
        _send(order, "order_cancelled", reason=payload.get("reason", ""))


@subscribe(FULFILMENT_SHIPPED)
def send_fulfilment_shipped(payload: dict[str, Any]) -> None:
    order = _find_order(payload["order_id"])
    if order is None:
        return
    shipment = next(
        (
            shipment
            for shipment in list_shipments(order)
            if shipment.fulfilment.pk == payload["fulfilment_id"]
        ),
        None,
    )
    if shipment is not None:
        _send(order, "fulfilment_shipped", shipment=shipment)
