"""What checkout remembers: which cart placed the order of each key.

`orders.place_order` makes one order per idempotency key. Once the order is
placed the cart is emptied, so a retry of the same request can no longer
be recognised by its items; this row ties the key to the cart (and buyer)
that used it, so a replay from that cart gets the order back and any other
cart gets `idempotency_key_reused`.
"""

from django.conf import settings
from django.db import models

from emporium.orders.constants import IDEMPOTENCY_KEY_MAX_LENGTH


class PlacedCheckout(models.Model):
    """One idempotency key that placed an order, and the cart that sent it."""

    idempotency_key = models.CharField(
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH, unique=True
    )
    order = models.OneToOneField(
        "orders.Order", on_delete=models.CASCADE, related_name="+"
    )
    # The cart's id, not a key: an emptied guest cart may be deleted later,
    # and the record of who placed the order must stay.
    cart_id = models.BigIntegerField()
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.idempotency_key} -> order {self.order_id}"
