"""Payment providers and how one is chosen.

`PAYMENT_PROVIDERS` (settings) maps each method ("card", "bank_transfer",
"cash_on_delivery") to the dotted path of a `PaymentProvider` class. A
payment keeps its provider's `code`, so refunds and webhooks find it again
by code, even after the setting changed.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from emporium.payments.constants import (
    PROVIDER_BANK_TRANSFER,
    PROVIDER_CASH_ON_DELIVERY,
    PROVIDER_STRIPE,
    PROVIDER_TEST,
    PaymentMethod,
)
from emporium.payments.errors import PaymentMethodUnavailable
from emporium.payments.providers.base import PaymentProvider

BUILTIN = {
    PROVIDER_TEST: "emporium.payments.providers.test.TestCardProvider",
    PROVIDER_STRIPE: "emporium.payments.providers.stripe.StripeProvider",
    PROVIDER_BANK_TRANSFER: "emporium.payments.providers.manual.BankTransferProvider",
    PROVIDER_CASH_ON_DELIVERY: (
        "emporium.payments.providers.manual.CashOnDeliveryProvider"
    ),
}


def _configured() -> dict[str, str]:
    return dict(getattr(settings, "PAYMENT_PROVIDERS", {}))


def provider_for_method(method: str) -> PaymentProvider:
    """The provider that takes `method` here, if it may be offered.

    Raises:
        PaymentMethodUnavailable: an unknown method, none configured, or
            its provider is not available (not set up; the test provider
            with `PAYMENTS_TEST_PROVIDER_ENABLED` off).
    """
    path = _configured().get(method) if method in PaymentMethod.values else None
    provider = import_string(path)() if path else None
    if provider is None or not provider.is_available():
        raise PaymentMethodUnavailable(
            f"Payment by {method!s} is not available.", extra={"method": method}
        )
    return provider


def provider_for_code(code: str) -> PaymentProvider:
    """The provider that made payments with `code` (refunds, webhooks).

    Raises:
        PaymentMethodUnavailable: no provider has this code.
    """
    for path in (*_configured().values(), *BUILTIN.values()):
        provider = import_string(path)()
        if provider.code == code:
            return provider
    raise PaymentMethodUnavailable(f"No payment provider {code!r}.")


def available_methods() -> list[str]:
    """The methods a buyer may choose now, in `PaymentMethod` order."""
    methods = []
    for method in PaymentMethod.values:
        try:
            provider_for_method(method)
        except PaymentMethodUnavailable:
            continue
        methods.append(method)
    return methods


__all__ = [
    "BUILTIN",
    "PaymentProvider",
    "available_methods",
    "provider_for_code",
    "provider_for_method",
]
