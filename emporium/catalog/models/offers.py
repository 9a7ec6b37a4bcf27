"""Offers: what is sold. One shop's listing of one variant, at one price.

`OfferQuerySet.visible()` is THE visibility rule of the storefront, the API,
search and the sitemap: an offer is visible when it is active, its shop is
approved, its variant is not archived and its product is active. Everything
that shows offers or products to buyers filters through it (products via
`Product.objects.visible()`, which asks for a visible offer).
"""

from django.db import models

from emporium.catalog.constants import ProductStatus
from emporium.core.money import amount_field, currency_field, money_property
from emporium.vendors.constants import ShopStatus


class OfferQuerySet(models.QuerySet):
    def visible(self) -> "OfferQuerySet":
        """Offers a buyer may see and buy (the one rule; see module doc)."""
        return self.filter(
            is_active=True,
            shop__status=ShopStatus.APPROVED,
            variant__is_active=True,
            variant__product__status=ProductStatus.ACTIVE,
        )


class Offer(models.Model):
    shop = models.ForeignKey(
        "vendors.Shop", on_delete=models.PROTECT, related_name="offers"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.PROTECT, related_name="offers"
    )
    sku = models.CharField("SKU", max_length=64)
    price_amount = amount_field()
    currency = currency_field()
    compare_at_amount = amount_field(
        null=True, blank=True, help_text="The former price shown struck through."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    price = money_property("price_amount")
    compare_at_price = money_property("compare_at_amount")

    class Meta:
        ordering = ["price_amount", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "sku"], name="offer_sku_per_shop"),
            # A shop lists a variant once; other currencies come from price
            # lists (pricing), not from second offers.
            models.UniqueConstraint(
                fields=["shop", "variant"], name="offer_one_per_shop_variant"
            ),
            models.CheckConstraint(
                condition=models.Q(price_amount__gte=0), name="offer_price_non_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(compare_at_amount__isnull=True)
                | models.Q(compare_at_amount__gte=0),
                name="offer_compare_at_non_negative",
            ),
        ]
        indexes = [
            models.Index(
                fields=["variant", "is_active"], name="offer_variant_active_idx"
            ),
            models.Index(fields=["shop", "is_active"], name="offer_shop_active_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sku} @ {self.shop_id}: {self.price}"
