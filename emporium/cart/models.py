"""Carts and their lines.

A cart belongs to a signed-in user (at most one each) or to a guest, who
holds its `token`. Lines change only through `cart.services`; a line
remembers the unit price the buyer last saw (`price_seen`) so a read can
say when it changed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from emporium.core.money import amount_field, currency_field, money_property
from emporium.pricing.constants import VOUCHER_CODE_MAX_LENGTH


class Cart(models.Model):
    """A buyer's cart; open until checkout turns it into an order."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carts",
        help_text="Empty for a guest cart, which its token identifies.",
    )
    currency = currency_field()
    voucher_code = models.CharField(max_length=VOUCHER_CODE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(user__isnull=False),
                name="cart_one_per_user",
            ),
        ]
        indexes = [
            # Finding abandoned guest carts to delete.
            models.Index(fields=["updated_at"], name="cart_updated_idx"),
        ]

    def __str__(self) -> str:
        owner = self.user_id or "guest"
        return f"cart {self.pk} ({owner})"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class CartLine(models.Model):
    """Some units of one offer in a cart."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    # A withdrawn offer leaves the carts it was in, rather than being
    # kept from deletion by them.
    offer = models.ForeignKey(
        "catalog.Offer", on_delete=models.CASCADE, related_name="cart_lines"
    )
    quantity = models.PositiveIntegerField()
    price_seen_amount = amount_field(
        help_text="The unit price when the buyer last saw this line."
    )
    currency = currency_field()
    is_available = models.BooleanField(
        default=True,
        help_text="Whether the latest read found the offer available; the "
        "buyer is told once when this changes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    price_seen = money_property("price_seen_amount")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "offer"], name="cart_line_one_per_offer"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="cart_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x offer {self.offer_id}"
