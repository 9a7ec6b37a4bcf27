"""Low-stock alerts: an email to the people who run a shop when one of its
stock rows runs low (available units fall to its threshold or below).

Driven by `stock.changed`: inventory decides under the row lock whether the
change crossed the threshold (`ran_low` in the payload), so a shop hears
once per crossing, not on every sale while the row stays low, and again
only after a restock above the threshold. Sent by the outbox task after
the change committed, one message per member (owners and staff), each
with a link to the stock row in the vendor dashboard.
"""

from typing import Any

from django.urls import reverse

from emporium.core.events import subscribe
from emporium.inventory.constants import STOCK_CHANGED
from emporium.inventory.shop_selectors import find_stock_for_alert
from emporium.notifications.email import absolute_url, send_templated_email
from emporium.vendors.selectors import list_shop_members


@subscribe(STOCK_CHANGED)
def send_low_stock_alert(payload: dict[str, Any]) -> None:
    if not payload.get("ran_low"):
        return
    stock = find_stock_for_alert(stock_id=payload["stock_id"])
    # Restocked before this ran, or units that count nowhere: nothing to say.
    if stock is None or not stock.warehouse.is_active or not stock.is_low:
        return
    shop = stock.offer.shop
    path = reverse("dashboard:stock-detail", args=[stock.pk])
    context = {
        "stock": stock,
        "offer": stock.offer,
        "product": stock.offer.variant.product,
        "variant": stock.offer.variant,
        "warehouse": stock.warehouse,
        "vendor_shop": shop,
        "link": absolute_url(f"{path}?shop={shop.slug}"),
    }
    for member in list_shop_members(shop=shop):
        if member.user.is_active and member.user.email:
            send_templated_email(
                to=member.user.email, template="low_stock", context=context
            )
