"""The shipping entry points cart and checkout call.

Both go through the configured `RateProvider` (see `providers`), so a
carrier with live rates can replace the tables without touching callers.
"""

from emporium.shipping.providers import get_rate_provider
from emporium.shipping.rates import ShippingQuote, ShippingRequest


def list_quotes(request: ShippingRequest) -> list[ShippingQuote]:
    """The methods that ship `request`, priced, in display order.

    Reads only. Raises:
        InvalidCurrency: the subtotal's currency is not an ISO 4217 code.
    """
    return get_rate_provider().list_quotes(request)


def get_quote(method_id: int, request: ShippingRequest) -> ShippingQuote:
    """The price of the buyer's chosen method; checkout validates with it.

    Raises:
        ShippingMethodNotAvailable: the method does not ship `request` (not
            in the zone, inactive, other currency, weight or subtotal outside
            its brackets, or no such method).
    """
    return get_rate_provider().get_quote(method_id, request)
