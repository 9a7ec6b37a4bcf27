"""Signed links that let a guest open their order without an account.

The token signs the order number and email (salted for this purpose only)
and expires after `ORDER_ACCESS_MAX_AGE`; a tampered, foreign or expired
token reads as "no such order", like any order the asker may not see.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

from emporium.orders.constants import ORDER_ACCESS_MAX_AGE, ORDER_ACCESS_SALT
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order


def make_order_access_token(order: Order) -> str:
    return signing.dumps({"n": order.number, "e": order.email}, salt=ORDER_ACCESS_SALT)


def read_order_access_token(token: str) -> tuple[str, str]:
    """The (number, email) a token grants; raises `OrderNotFound` otherwise."""
    try:
        data = signing.loads(
            token, salt=ORDER_ACCESS_SALT, max_age=ORDER_ACCESS_MAX_AGE
        )
    except signing.BadSignature as exc:  # SignatureExpired is one too
        raise OrderNotFound("Order not found.") from exc
    if not isinstance(data, dict) or not {"n", "e"} <= data.keys():
        raise OrderNotFound("Order not found.")
    return str(data["n"]), str(data["e"])


def order_access_url(order: Order) -> str:
    """The absolute link to the order page for the order's email."""
    path = reverse("orders:guest-detail", args=[order.number])
    query = urlencode({"token": make_order_access_token(order)})
    return f"{settings.SITE_URL}{path}?{query}"
