"""Pricing errors, each with a stable code (part of the API contract).

Every reason a voucher code is refused is a `VoucherError` (422), so the
cart and the checkout can catch them together and show the message next to
the code field; `code` tells which rule refused it.
"""

from emporium.core.errors import DomainError


class TaxRateNotConfigured(DomainError):
    """No tax rate is set up for a destination and tax class."""

    default_code = "tax_rate_not_configured"


class VoucherError(DomainError):
    default_code = "voucher_invalid"


class VoucherNotFound(VoucherError):
    default_code = "voucher_not_found"


class VoucherInactive(VoucherError):
    default_code = "voucher_inactive"


class VoucherNotYetValid(VoucherError):
    default_code = "voucher_not_yet_valid"


class VoucherExpired(VoucherError):
    default_code = "voucher_expired"


class VoucherUsageExhausted(VoucherError):
    default_code = "voucher_usage_exhausted"


class VoucherCustomerLimitReached(VoucherError):
    default_code = "voucher_customer_limit_reached"


class VoucherMinimumNotMet(VoucherError):
    default_code = "voucher_minimum_not_met"


class VoucherNotApplicable(VoucherError):
    """No line of the cart is in the voucher's scope."""

    default_code = "voucher_not_applicable"


class VoucherCurrencyMismatch(VoucherError):
    default_code = "voucher_currency_mismatch"
