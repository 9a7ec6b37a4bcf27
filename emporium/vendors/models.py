"""Shops (the vendors of the marketplace), their people, invitations,
branches and status history."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django_countries.fields import CountryField

from emporium.core.money import currency_field
from emporium.vendors.constants import (
    DEFAULT_COMMISSION_RATE,
    MAX_COMMISSION_RATE,
    MIN_COMMISSION_RATE,
    WEEKDAY_LABELS,
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
    # The profile buyers see on the shop page (written by services only).
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    returns_policy = models.TextField(blank=True)
    shipping_policy = models.TextField(blank=True)
    # {"website": "https://...", "instagram": "https://..."}: the networks
    # of `constants.SOCIAL_NETWORKS`, each an http(s) URL.
    social_links = models.JSONField(default=dict, blank=True)
    # When the applicant accepted `commission_rate` (null for shops opened
    # by staff or before applications existed).
    commission_accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="shop_status_name_idx")]
        constraints = [
            # An applicant waits for one decision at a time (the service
            # checks first; this settles two concurrent applications).
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(status=ShopStatus.PENDING),
                name="shop_one_pending_per_owner",
            ),
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


class ShopInvitation(models.Model):
    """An owner's invitation to join a shop as staff, sent by email.

    Only the SHA-256 of the link's token is stored; the token itself exists
    in the email alone (`services.issue_invitation_token`, called by the
    email handler). Open while not accepted, not revoked and not expired.
    """

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open invitation per address and shop: inviting again
            # revokes the earlier one first.
            models.UniqueConstraint(
                "shop",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="shop_invitation_open_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.shop_id}"


class ShopBranch(models.Model):
    """A physical place of a shop: address, opening hours and position.

    `opening_hours` maps weekday keys (`constants.WEEKDAYS`) to lists of
    `["HH:MM", "HH:MM"]` intervals; a missing or empty day is closed
    (checked by `services.branches.clean_opening_hours`).
    """

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="branches")
    name = models.CharField(max_length=120)
    line1 = models.CharField("address line 1", max_length=255)
    line2 = models.CharField("address line 2", max_length=255, blank=True)
    city = models.CharField(max_length=120)
    postal_code = models.CharField(max_length=20, blank=True)
    country = CountryField()
    phone = models.CharField(max_length=32, blank=True)
    opening_hours = models.JSONField(default=dict, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["shop", "name", "pk"]
        verbose_name_plural = "shop branches"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90),
                name="shop_branch_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180),
                name="shop_branch_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def weekly_hours(self) -> list[tuple[str, list[list[str]]]]:
        """Every weekday in order with its intervals (empty: closed)."""
        hours = self.opening_hours or {}
        return [(label, hours.get(day, [])) for day, label in WEEKDAY_LABELS.items()]
