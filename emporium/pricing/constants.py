"""Pricing choices, event names and limits."""

from django.db import models

from emporium.catalog.constants import TaxClass


class VoucherKind(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage off"
    FIXED = "fixed", "Fixed amount off"
    FREE_SHIPPING = "free_shipping", "Free shipping"


VOUCHER_REDEEMED = "voucher.redeemed"

# Shipping is taxed at the destination's rate for this class (see
# docs/pricing.md, "Tax on shipping").
SHIPPING_TAX_CLASS = TaxClass.STANDARD

# Voucher codes: stored upper-case, letters, digits, "-" and "_".
VOUCHER_CODE_PATTERN = r"^[A-Z0-9][A-Z0-9_-]{2,31}$"
VOUCHER_CODE_MAX_LENGTH = 32
