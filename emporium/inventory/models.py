"""Warehouses, stock per offer per warehouse, and the stock-movement ledger.

Quantities change only through `inventory.services` (which lock the stock
row and write a `StockMovement`); the check constraints are the last line
against overselling should anything else try.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField

from emporium.inventory.constants import (
    DEFAULT_LOW_STOCK_THRESHOLD,
    MovementReason,
    ReservationStatus,
)


class Warehouse(models.Model):
    """A place a shop keeps stock in (its own store, a 3PL, a branch)."""

    shop = models.ForeignKey(
        "vendors.Shop", on_delete=models.PROTECT, related_name="warehouses"
    )
    name = models.CharField(max_length=120)
    code = models.SlugField(max_length=40)
    line1 = models.CharField("address line 1", max_length=255, blank=True)
    line2 = models.CharField("address line 2", max_length=255, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField("state / region", max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = CountryField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["shop_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "code"], name="warehouse_code_per_shop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Stock(models.Model):
    offer = models.ForeignKey(
        "catalog.Offer", on_delete=models.PROTECT, related_name="stocks"
    )
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="stocks"
    )
    quantity_on_hand = models.IntegerField(default=0)
    quantity_reserved = models.IntegerField(default=0)
    backorder_allowed = models.BooleanField(default=False)
    low_stock_threshold = models.PositiveIntegerField(
        default=DEFAULT_LOW_STOCK_THRESHOLD
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "warehouse"], name="stock_one_per_offer_warehouse"
            ),
            models.CheckConstraint(
                condition=Q(quantity_on_hand__gte=0), name="stock_on_hand_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_reserved__gte=0),
                name="stock_reserved_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(quantity_reserved__lte=F("quantity_on_hand")),
                name="stock_reserved_within_on_hand",
            ),
        ]

    def __str__(self) -> str:
        return f"offer {self.offer_id} @ {self.warehouse_id}: {self.quantity_on_hand}"

    @property
    def quantity_available(self) -> int:
        return self.quantity_on_hand - self.quantity_reserved

    @property
    def is_low(self) -> bool:
        return self.quantity_available <= self.low_stock_threshold


class StockMovement(models.Model):
    """One change of a stock row: the ledger. Written by services, never edited."""

    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="movements")
    delta = models.IntegerField()
    reason = models.CharField(max_length=16, choices=MovementReason.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=255, blank=True)
    quantity_after = models.IntegerField(help_text="On hand after this movement.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["stock", "created_at"], name="movement_stock_time_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.delta:+d} ({self.reason})"


class StockReservation(models.Model):
    """Units of one stock row held for one reference (an order number).

    `quantity` is held from on hand and counted in the row's
    `quantity_reserved`; `quantity_backordered` is promised beyond on hand
    (backorder-allowed rows only) and is not counted anywhere in the stock
    row. Written by `inventory.reservations` only.
    """

    stock = models.ForeignKey(
        Stock, on_delete=models.PROTECT, related_name="reservations"
    )
    reference = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    quantity_backordered = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=16,
        choices=ReservationStatus.choices,
        default=ReservationStatus.ACTIVE,
    )
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "stock"],
                condition=Q(status=ReservationStatus.ACTIVE),
                name="reservation_one_active_per_stock",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0) | Q(quantity_backordered__gt=0),
                name="reservation_holds_something",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReservationStatus.values),
                name="reservation_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["reference"], name="reservation_reference_idx"),
            models.Index(
                fields=["status", "expires_at"], name="reservation_expiry_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.quantity} of stock {self.stock_id}"
