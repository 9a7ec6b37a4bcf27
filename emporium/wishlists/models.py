"""What a buyer keeps for later: products and shops, one row each."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class WishlistItem(models.Model):
    """One saved product or shop of one user (never both)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wishlist_items",
    )
    shop = models.ForeignKey(
        "vendors.Shop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wishlist_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="wishlist_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(product__isnull=False, shop__isnull=True)
                | Q(product__isnull=True, shop__isnull=False),
                name="wishlist_item_one_subject",
            ),
            # Saving twice keeps one row (`services.save_to_wishlist`).
            models.UniqueConstraint(
                fields=["user", "product"],
                condition=Q(product__isnull=False),
                name="wishlist_one_per_product",
            ),
            models.UniqueConstraint(
                fields=["user", "shop"],
                condition=Q(shop__isnull=False),
                name="wishlist_one_per_shop",
            ),
        ]

    def __str__(self) -> str:
        subject = (
            f"product {self.product_id}" if self.product_id else f"shop {self.shop_id}"
        )
        return f"{self.user_id}: {subject}"
