"""Reactions of orders to other domains' events. Idempotent: redelivery of
an event finds the order already cancelled and changes nothing."""

from typing import Any

from django.utils.dateparse import parse_datetime

from emporium.core.events import subscribe
from emporium.inventory.constants import STOCK_RESERVATION_EXPIRED
from emporium.orders.selectors import find_order_id_by_number
from emporium.orders.services import expire_order


@subscribe(STOCK_RESERVATION_EXPIRED)
def cancel_order_of_expired_reservation(payload: dict[str, Any]) -> None:
    order_id = find_order_id_by_number(payload["reference"])
    if order_id is not None:
        expire_order(order_id=order_id, now=parse_datetime(payload["expired_by"]))
