"""Checkout's money, pure: parcels, shipping options and the totals.

No query here. `services` loads the cart, the destination's tax rates and
the shipping quotes once; these functions turn them into what the buyer
sees and what the order freezes. The arithmetic itself (rounding, tax,
discount split) is pricing's `compute_totals`.

Each shop ships its own parcel: a method is offered when it ships every
parcel, and costs the sum of its quotes (see docs/checkout.md).
"""

from collections.abc import Sequence
from decimal import Decimal

from emporium.cart.types import LineView
from emporium.checkout.constants import SHIPPING_PRICES_INCLUDE_TAX
from emporium.checkout.types import Parcel, ShippingOption
from emporium.core.money import Money
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.totals import Totals, compute_totals
from emporium.pricing.vouchers import (
    VoucherDiscount,
    VoucherTerms,
    compute_voucher_discount,
)
from emporium.shipping.rates import ShippingQuote


def parcels_of(lines: Sequence[LineView], totals: Totals) -> list[Parcel]:
    """The sellable lines grouped by shop, in the order the shops appear.

    Weights come from the variants (none counts as 0 g); a parcel's
    subtotal is its lines' amounts less their share of the discount, as
    `totals` (of these lines, before shipping) split it.
    """
    by_offer = {line.offer_id: line for line in totals.lines}
    zero = Money.zero(totals.currency)
    weights: dict[int, int] = {}
    subtotals: dict[int, Money] = {}
    for line in lines:
        figures = by_offer.get(line.line.offer_id)
        if not line.is_sellable or figures is None:
            continue
        offer = line.line.offer
        grams = (offer.variant.weight_grams or 0) * line.quantity
        weights[offer.shop_id] = weights.get(offer.shop_id, 0) + grams
        paid = figures.amount - figures.discount
        subtotals[offer.shop_id] = subtotals.get(offer.shop_id, zero) + paid
    return [
        Parcel(shop_id=shop_id, weight_grams=weights[shop_id], subtotal=subtotal)
        for shop_id, subtotal in subtotals.items()
    ]


def combine_quotes(
    per_parcel: Sequence[Sequence[ShippingQuote]], currency: str
) -> list[ShippingOption]:
    """The methods quoted for every parcel, in the first parcel's order.

    A method's price is the sum of its quotes; its delivery window is the
    slowest parcel's (unknown if any parcel's is). No parcel, no option.
    """
    if not per_parcel:
        return []
    quoted = [{quote.method_id: quote for quote in quotes} for quotes in per_parcel]
    options = []
    for first in per_parcel[0]:
        if not all(first.method_id in quotes for quotes in quoted):
            continue
        quotes = [by_method[first.method_id] for by_method in quoted]
        options.append(
            ShippingOption(
                method_id=first.method_id,
                name=first.name,
                price=sum((quote.price for quote in quotes), Money.zero(currency)),
                is_free=all(quote.is_free for quote in quotes),
                parcels=len(quotes),
                min_days=_slowest([quote.min_days for quote in quotes]),
                max_days=_slowest([quote.max_days for quote in quotes]),
                description=first.description,
            )
        )
    return options


def _slowest(days: list[int | None]) -> int | None:
    return None if any(value is None for value in days) else max(days)


def price_checkout(
    *,
    lines: Sequence[PricedLine],
    currency: str,
    shipping: ShippingOption | None = None,
    shipping_tax_rate: Decimal = Decimal(0),
    voucher: VoucherTerms | None = None,
) -> tuple[Totals, VoucherDiscount | None]:
    """The totals of `lines` with the chosen shipping and the voucher.

    `lines` carry the destination's tax rates; shipping is taxed at
    `shipping_tax_rate` (the destination's standard rate). The voucher's
    discount is computed on these lines and this shipping price (a
    free-shipping voucher takes the shipping off).

    Raises:
        VoucherCurrencyMismatch: a fixed voucher in another currency.
    """
    charge = None
    if shipping is not None:
        charge = ShippingCharge(
            price=shipping.price,
            tax_rate=shipping_tax_rate,
            prices_include_tax=SHIPPING_PRICES_INCLUDE_TAX,
        )
    discount = None
    if voucher is not None:
        discount = compute_voucher_discount(
            voucher, lines, charge.price if charge else None
        )
    totals = compute_totals(
        lines=lines, currency=currency, shipping=charge, discount=discount
    )
    return totals, discount
