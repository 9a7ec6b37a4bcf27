"""Where shipping prices come from: the `RateProvider` seam.

A provider answers two questions for a `ShippingRequest`: which methods
apply and at what price (`list_quotes`), and what one chosen method costs
(`get_quote`). The `SHIPPING_RATE_PROVIDER` setting names the class (a
dotted path); the default, `TableRateProvider`, prices from the zone,
method and bracket tables. A live-rate carrier (Sendcloud) becomes another
class with the same two methods; callers go through `shipping.quotes` and
never change.
"""

from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from emporium.shipping.constants import DEFAULT_RATE_PROVIDER
from emporium.shipping.errors import ShippingMethodNotAvailable
from emporium.shipping.rates import ShippingQuote, ShippingRequest, quote_methods
from emporium.shipping.selectors import list_methods_for


class RateProvider(Protocol):
    """Prices shipping for a request. Implementations hold no request state."""

    def list_quotes(self, request: ShippingRequest) -> list[ShippingQuote]:
        """Every method that ships `request`, priced, in display order."""
        ...

    def get_quote(self, method_id: int, request: ShippingRequest) -> ShippingQuote:
        """The price of method `method_id` for `request`.

        Raises:
            ShippingMethodNotAvailable: the method does not ship `request`.
        """
        ...


class TableRateProvider:
    """Rates from the tables: the zones, methods and brackets staff keep."""

    def list_quotes(self, request: ShippingRequest) -> list[ShippingQuote]:
        methods = list_methods_for(
            request.country, request.subtotal.currency, request.shop_id
        )
        return quote_methods(methods, request)

    def get_quote(self, method_id: int, request: ShippingRequest) -> ShippingQuote:
        # Listing and validating share one path, so a method is accepted
        # exactly when the buyer could have been shown it.
        for quote in self.list_quotes(request):
            if quote.method_id == method_id:
                return quote
        raise ShippingMethodNotAvailable(
            "This shipping method is not available for this cart and address.",
            extra={"method_id": method_id},
        )


def get_rate_provider() -> RateProvider:
    """The provider the `SHIPPING_RATE_PROVIDER` setting names."""
    path = getattr(settings, "SHIPPING_RATE_PROVIDER", "") or DEFAULT_RATE_PROVIDER
    return _load(path)


@cache
def _load(path: str) -> RateProvider:
    return import_string(path)()
