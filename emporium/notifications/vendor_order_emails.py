"""Emails to the people who run a shop: a new paid order with their lines.

On `order.paid`, every member (owner and staff) of each shop with lines in
the order gets one email: the order number, the shop's lines only, what
the buyer paid the shop (items and shipping) and the address to ship to,
with a link to the order in the vendor dashboard. Never another shop's
lines, never the buyer's payment details. HTML + text, sent by the outbox
after commit, once per event.
"""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from emporium.core.events import subscribe
from emporium.notifications.email import absolute_url, send_templated_email
from emporium.orders.constants import ORDER_PAID
from emporium.orders.errors import OrderNotFound
from emporium.orders.selectors import ShopFulfilment, get_order, list_shipments
from emporium.vendors.selectors import list_shop_members


def _dashboard_link(part: ShopFulfilment) -> str:
    path = reverse("dashboard:order-detail", args=[part.fulfilment.pk])
    query = urlencode({"shop": part.fulfilment.shop.slug})
    return absolute_url(f"{path}?{query}")


@subscribe(ORDER_PAID)
def send_vendor_new_order(payload: dict[str, Any]) -> None:
    try:
        order = get_order(order_id=payload["order_id"])
    except OrderNotFound:
        return
    for shipment in list_shipments(order):
        part = ShopFulfilment(fulfilment=shipment.fulfilment, lines=shipment.lines)
        shop = shipment.fulfilment.shop
        for member in list_shop_members(shop=shop):
            if not member.user.is_active:
                continue
            send_templated_email(
                to=member.user.email,
                template="vendor_new_order",
                context={
                    "order": order,
                    "shop": shop,
                    "part": part,
                    "link": _dashboard_link(part),
                },
            )
