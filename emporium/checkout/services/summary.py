"""Before committing: the shipping methods for a destination and the
summary of the order as placing it now would freeze it.

Loads once (the cart's read, the destination's tax rates and priced
lines, the quotes of each shop's parcel); every figure after that comes
from the pure functions of `checkout.totals`.
"""

from decimal import Decimal

from django_countries import countries

from emporium.accounts.models import User
from emporium.cart.models import Cart
from emporium.cart.services import read_cart
from emporium.cart.types import CartView
from emporium.checkout.errors import (
    InvalidCountry,
)
from emporium.checkout.totals import combine_quotes, parcels_of, price_checkout
from emporium.checkout.types import (
    CheckoutSummary,
    Parcel,
    ShippingOption,
    SummaryLine,
)
from emporium.pricing.lines import PricedLine
from emporium.pricing.selectors import list_priced_lines
from emporium.pricing.taxes import TaxCalculator, get_tax_calculator, shipping_tax_rate
from emporium.pricing.vouchers import VoucherTerms
from emporium.shipping.quotes import list_quotes
from emporium.shipping.rates import ShippingRequest


def list_shipping_options(
    *, cart: Cart | None, customer: User | None, country: str, region: str = ""
) -> list[ShippingOption]:
    """The methods that ship every parcel of the cart to `country`, priced.

    Reads the cart (`read_cart`: what changed is stored and said once).
    Empty when the cart is empty or nothing ships there. Three queries per
    shop in the cart for the quotes (one when no zone ships there).

    Raises:
        InvalidCountry: not an ISO 3166-1 alpha-2 code.
    """
    country = check_country(country)
    view = read_cart(cart=cart, customer=customer)
    parcels = parcels_of(view.lines, view.summary.totals)
    return _options(parcels, country, region, view.summary.currency)


def summarize_checkout(
    *,
    cart: Cart | None,
    customer: User | None,
    country: str = "",
    region: str = "",
    shipping_method_id: int | None = None,
) -> CheckoutSummary:
    """The order as it would be placed now, for the buyer to review.

    Reads the cart once, then, with a `country`, the destination's tax
    rates and the shipping quotes; every figure after that is pure
    (`totals.price_checkout`). Without `country` the figures are the
    cart's, before tax and shipping. A method that does not ship there is
    simply not chosen (`shipping` None).

    Raises:
        InvalidCountry: an unknown `country`.
        TaxRateNotConfigured: no tax rate for an item there (pricing).
    """
    view = read_cart(cart=cart, customer=customer)
    voucher = view.summary.voucher
    if not country:
        return _summary(view, "", (), None, view.summary.priced_lines, voucher)
    country = check_country(country)
    calculator = get_tax_calculator(countries=[country])
    priced = price_sellable_lines(view, country, region, calculator)
    parcels = parcels_of(view.lines, view.summary.totals)
    options = tuple(_options(parcels, country, region, view.summary.currency))
    chosen = next((o for o in options if o.method_id == shipping_method_id), None)
    rate = shipping_tax_rate(calculator, country, region) if chosen else None
    return _summary(view, country, options, chosen, priced, voucher, rate)


def _summary(
    view: CartView,
    country: str,
    options: tuple[ShippingOption, ...],
    chosen: ShippingOption | None,
    priced: tuple[PricedLine, ...] | list[PricedLine],
    voucher: VoucherTerms | None,
    rate: Decimal | None = None,
) -> CheckoutSummary:
    totals, discount = price_checkout(
        lines=priced,
        currency=view.summary.currency,
        shipping=chosen,
        shipping_tax_rate=rate if rate is not None else Decimal(0),
        voucher=voucher,
    )
    figures = {line.offer_id: line for line in totals.lines}
    lines = tuple(
        SummaryLine(view=line, total=figures[line.line.offer_id])
        for line in view.lines
        if line.line.offer_id in figures
    )
    return CheckoutSummary(
        cart=view,
        country=country,
        options=options,
        shipping=chosen,
        totals=totals,
        lines=lines,
        voucher=voucher,
        discount=discount,
    )


def check_country(country: str) -> str:
    """`country` as an upper-case ISO 3166-1 alpha-2 code.

    Raises:
        InvalidCountry: not a code django-countries knows.
    """
    code = str(country or "").strip().upper()
    if code not in countries:
        raise InvalidCountry(
            f"{country!r} is not a country code.",
            fields={"country": ["Choose a country (ISO 3166-1 alpha-2 code)."]},
        )
    return code


def price_sellable_lines(
    view: CartView, country: str, region: str, calculator: TaxCalculator
) -> list[PricedLine]:
    """The sellable lines with the destination's tax rates (two queries)."""
    quantities = {
        line.line.offer_id: line.quantity for line in view.lines if line.is_sellable
    }
    if not quantities:
        return []
    return list_priced_lines(
        quantities=quantities, country=country, region=region, calculator=calculator
    )


def parcel_request(parcel: Parcel, country: str, region: str) -> ShippingRequest:
    """What shipping quotes for one shop's parcel to the destination."""
    return ShippingRequest(
        country=country,
        region=region,
        weight_grams=parcel.weight_grams,
        subtotal=parcel.subtotal,
        shop_id=parcel.shop_id,
    )


def _options(
    parcels: list[Parcel], country: str, region: str, currency: str
) -> list[ShippingOption]:
    quotes = [list_quotes(parcel_request(p, country, region)) for p in parcels]
    return combine_quotes(quotes, currency)
