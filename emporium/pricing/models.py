"""Tax rates per destination and tax class; vouchers and their redemptions.

Amounts are computed elsewhere (`taxes.py`, `totals.py`, `vouchers.py`);
these tables only hold the terms. `Voucher.times_used` changes only in
`services.redeem_voucher`, under a row lock.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django_countries.fields import CountryField

from emporium.catalog.constants import TaxClass
from emporium.core.money import amount_field, currency_field, money_property
from emporium.pricing.constants import (
    VOUCHER_CODE_MAX_LENGTH,
    VOUCHER_CODE_PATTERN,
    VoucherKind,
)


class TaxRate(models.Model):
    """The rate of one tax class in one country, or in one region of it.

    A row with an empty `region` covers the whole country; a row with a
    region overrides it there (US states, Canadian provinces).
    """

    country = CountryField()
    region = models.CharField(
        max_length=120, blank=True, help_text="Empty: the whole country."
    )
    tax_class = models.CharField(
        max_length=16, choices=TaxClass.choices, default=TaxClass.STANDARD
    )
    rate = models.DecimalField(
        max_digits=6, decimal_places=3, help_text="Percent, e.g. 19 or 8.875."
    )
    name = models.CharField(max_length=60, help_text='Shown on invoices: "VAT 19%".')

    class Meta:
        ordering = ["country", "region", "tax_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "region", "tax_class"],
                name="tax_rate_one_per_country_region_class",
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=100),
                name="tax_rate_0_100",
                violation_error_message="A rate is between 0 and 100 percent.",
            ),
            models.CheckConstraint(
                condition=Q(tax_class__in=TaxClass.values),
                name="tax_rate_class_valid",
            ),
        ]

    def __str__(self) -> str:
        where = f"{self.country}-{self.region}" if self.region else str(self.country)
        return f"{where} {self.tax_class}: {self.name}"


class Voucher(models.Model):
    """A code a buyer types for a discount, on terms staff set.

    Scope: empty products, categories and shops mean the whole cart. A line
    is in scope when (no shops are set or its shop is one of them) and (no
    products or categories are set, or its product is one of them, or its
    category is one of them or below one of them). `currency` is the
    currency of a fixed `value` and of `min_subtotal_amount`.
    """

    code = models.CharField(
        max_length=VOUCHER_CODE_MAX_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                VOUCHER_CODE_PATTERN,
                "3 to 32 capital letters, digits, '-' or '_'.",
            )
        ],
    )
    name = models.CharField(max_length=120, blank=True, help_text="For staff only.")
    kind = models.CharField(max_length=16, choices=VoucherKind.choices)
    value = models.DecimalField(
        max_digits=12,
        decimal_places=3,
        default=0,
        help_text="Percent off, or the amount off; ignored for free shipping.",
    )
    currency = currency_field()
    min_subtotal_amount = amount_field(
        null=True, blank=True, help_text="Spend at least this on items in scope."
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Uses in total; empty: unlimited."
    )
    per_customer_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Uses per customer; empty: unlimited."
    )
    products = models.ManyToManyField(
        "catalog.Product", blank=True, related_name="vouchers"
    )
    categories = models.ManyToManyField(
        "catalog.Category",
        blank=True,
        related_name="vouchers",
        help_text="A category includes everything below it.",
    )
    shops = models.ManyToManyField("vendors.Shop", blank=True, related_name="vouchers")
    is_active = models.BooleanField(default=True)
    times_used = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    min_subtotal = money_property("min_subtotal_amount")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code=Upper("code")),
                name="voucher_code_upper_case",
                violation_error_message="Voucher codes are stored upper-case.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=VoucherKind.values), name="voucher_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=VoucherKind.FREE_SHIPPING)
                | (
                    Q(value__gt=0)
                    & (~Q(kind=VoucherKind.PERCENTAGE) | Q(value__lte=100))
                ),
                name="voucher_value_valid",
                violation_error_message=(
                    "A percentage is above 0 and at most 100; an amount is above 0."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_subtotal_amount__isnull=True)
                | Q(min_subtotal_amount__gte=0),
                name="voucher_min_subtotal_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="voucher_ends_after_start",
                violation_error_message="The end must come after the start.",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True)
                | Q(times_used__lte=F("usage_limit")),
                name="voucher_used_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class VoucherRedemption(models.Model):
    """One use of a voucher by one order. Written by `redeem_voucher` only."""

    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, related_name="redemptions"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Normalised (trimmed, lower case), so guests are counted per address.
    email = models.EmailField()
    order_ref = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "order_ref"], name="voucher_redemption_per_order"
            ),
        ]
        indexes = [
            models.Index(fields=["voucher", "email"], name="redemption_voucher_email"),
            models.Index(
                fields=["voucher", "customer"], name="redemption_voucher_customer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_id} for {self.order_ref}"
