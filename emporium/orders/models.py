"""Orders, their lines, per-shop fulfilments and the timeline.

An order freezes what was agreed when it was placed: prices, tax, discount,
addresses, shipping and each shop's commission rate. Nothing recomputes
them later. `status` fields change only through `orders.states`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from emporium.core.money import amount_field, currency_field, money_property
from emporium.orders.constants import (
    BUYER_CANCELLABLE,
    UNPAID,
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
)


class Order(models.Model):
    number = models.CharField(max_length=16, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    email = models.EmailField(max_length=254)
    status = models.CharField(
        max_length=24, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    currency = currency_field()
    # Frozen totals. subtotal, discount and shipping are as the shops entered
    # prices (gross or net); net + tax == total, what the buyer pays.
    subtotal_amount = amount_field()
    discount_amount = amount_field(default=0)
    shipping_amount = amount_field(default=0)
    shipping_net_amount = amount_field(default=0)
    shipping_tax_amount = amount_field(default=0)
    net_amount = amount_field()
    tax_amount = amount_field()
    total_amount = amount_field()
    refunded_amount = amount_field(default=0)
    shipping_address = models.JSONField(default=dict)
    billing_address = models.JSONField(default=dict)
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shipping_method_name = models.CharField(max_length=120, blank=True)
    voucher_code = models.CharField(max_length=32, blank=True)
    payment_method = models.CharField(max_length=40, blank=True)
    idempotency_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True
    )
    # What the key placed (see `drafts.draft_fingerprint`): the same key
    # with another cart is refused.
    draft_fingerprint = models.CharField(max_length=64, blank=True)
    reservation_expires_at = models.DateTimeField(null=True, blank=True)
    placed_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    subtotal = money_property("subtotal_amount")
    discount = money_property("discount_amount")
    shipping = money_property("shipping_amount")
    shipping_net = money_property("shipping_net_amount")
    shipping_tax = money_property("shipping_tax_amount")
    net = money_property("net_amount")
    tax = money_property("tax_amount")
    total = money_property("total_amount")
    refunded = money_property("refunded_amount")

    class Meta:
        ordering = ["-placed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["customer", "-placed_at"], name="order_customer_placed_idx"
            ),
            models.Index(
                fields=["status", "reservation_expires_at"],
                name="order_status_expiry_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(total_amount__gte=0)
                & Q(refunded_amount__gte=0)
                & Q(refunded_amount__lte=models.F("total_amount")),
                name="order_refund_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_cancellable_by_buyer(self) -> bool:
        """Whether the buyer may still cancel (see `services.cancel_order`)."""
        return self.status in BUYER_CANCELLABLE

    @property
    def is_awaiting_payment(self) -> bool:
        return self.status in UNPAID


class OrderLine(models.Model):
    """One offer bought, frozen: names, prices, tax and commission."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    offer = models.ForeignKey(
        "catalog.Offer", on_delete=models.PROTECT, related_name="+"
    )
    shop = models.ForeignKey("vendors.Shop", on_delete=models.PROTECT, related_name="+")
    product_title = models.CharField(max_length=200)
    variant_name = models.CharField(max_length=200, blank=True)
    sku = models.CharField("SKU", max_length=64)
    quantity = models.PositiveIntegerField()
    currency = currency_field()
    prices_include_tax = models.BooleanField()
    # One unit as entered, and split into net and gross (tax rounded once).
    unit_price_amount = amount_field()
    unit_price_net_amount = amount_field()
    unit_price_gross_amount = amount_field()
    tax_rate = models.DecimalField(max_digits=6, decimal_places=3)
    # The line: unit x quantity and the voucher's share, as entered; then
    # net, tax and gross after the discount (net + tax == gross).
    amount = amount_field()
    discount_amount = amount_field(default=0)
    net_amount = amount_field()
    tax_amount = amount_field()
    gross_amount = amount_field()
    commission_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="The shop's rate when placed."
    )

    unit_price = money_property("unit_price_amount")
    unit_price_net = money_property("unit_price_net_amount")
    unit_price_gross = money_property("unit_price_gross_amount")
    line_amount = money_property("amount")
    discount = money_property("discount_amount")
    net = money_property("net_amount")
    tax = money_property("tax_amount")
    gross = money_property("gross_amount")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku}"


class Fulfilment(models.Model):
    """One shop's part of an order and its shipment; one per shop per order."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="fulfilments"
    )
    shop = models.ForeignKey("vendors.Shop", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16,
        choices=FulfilmentStatus.choices,
        default=FulfilmentStatus.PENDING,
    )
    carrier = models.CharField(max_length=60, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    tracking_url = models.URLField(max_length=500, blank=True)
    # In the order's currency, frozen when placed: what the buyer paid for
    # this shop's parcel (gross, after a free-shipping voucher; the shop's
    # income with its lines), and how much of the order's refunds came out
    # of this shop's part (`services.record_order_refund` splits them).
    shipping_amount = amount_field(default=0)
    refunded_amount = amount_field(default=0)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "shop"], name="fulfilment_one_per_shop"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FulfilmentStatus.values),
                name="fulfilment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(shipping_amount__gte=0) & Q(refunded_amount__gte=0),
                name="fulfilment_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} / shop {self.shop_id}: {self.status}"


class OrderEvent(models.Model):
    """One entry of an order's timeline: what happened, who did it, when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=24, choices=OrderEventType.choices)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.type}"
