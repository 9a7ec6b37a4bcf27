"""Shops (the vendors of the marketplace), their people and status history."""

from django.conf import settings
from django.db import models

from emporium.core.money import currency_field
from emporium.vendors.constants import (
    DEFAULT_COMMISSION_RATE,
    MAX_COMMISSION_RATE,
    MIN_COMMISSION_RATE,
    ShopMemberRole,
    ShopStatus,
)


class Shop(models.Model):
    """A vendor. A single-store installation has exactly one ("the house shop").

    `status` only changes through `vendors.states.transition_shop`.
    """

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    status = models.CharField(
        max_length=16, choices=ShopStatus.choices, default=ShopStatus.PENDING
    )
    # Null for the house shop, which staff run.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shops",
    )
    logo = models.ImageField(upload_to="shops/logos/", blank=True)
    # Sanitised HTML (core.html.sanitize_html), written by services only.
    description = models.TextField(blank=True)
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_COMMISSION_RATE,
        help_text="Percent of each sale the platform keeps (0-100).",
    )
    prices_include_tax = models.BooleanField(default=True)
    default_currency = currency_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="shop_status_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=MIN_COMMISSION_RATE)
                & models.Q(commission_rate__lte=MAX_COMMISSION_RATE),
                name="shop_commission_rate_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ShopStatus.values),
                name="shop_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == ShopStatus.APPROVED


class ShopStatusEvent(models.Model):
    """One status change of a shop: who, from, to, why and when."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="status_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=16, choices=ShopStatus.choices)
    to_status = models.CharField(max_length=16, choices=ShopStatus.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.from_status} → {self.to_status}"


class ShopMember(models.Model):
    """A person who runs a shop: its owner or one of its staff.

    Every vendor page and endpoint is scoped through this table
    (`vendors.selectors.get_member_shop`): a user reaches a shop's data only
    while a row links them to it.
    """

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shop_memberships",
    )
    role = models.CharField(
        max_length=8, choices=ShopMemberRole.choices, default=ShopMemberRole.STAFF
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shop", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "user"], name="shop_member_once"),
            models.CheckConstraint(
                condition=models.Q(role__in=ShopMemberRole.values),
                name="shop_member_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.shop_id} ({self.role})"

    @property
    def is_owner(self) -> bool:
        return self.role == ShopMemberRole.OWNER
