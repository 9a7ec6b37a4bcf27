"""Cart and checkout totals: one pure function over loaded lines.

`compute_totals` takes `PricedLine`s, an optional `ShippingCharge` and an
optional `VoucherDiscount`, and returns `Totals`. No query, no clock: the
same data always gives the same cents. Order of work, per STYLE.md:

1. each line's amount is unit x quantity, rounded;
2. the voucher's lines part is split over the eligible lines in proportion
   to their amounts (`core.money.allocate`: the parts add up exactly);
3. each line is taxed on its discounted amount (`taxes.tax_amount`: the tax
   rounded once, net + tax == gross);
4. shipping, less a free-shipping discount, is taxed the same way;
5. the totals are sums of rounded figures, never rounded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from emporium.core.money import Money, allocate
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.taxes import TaxedAmount, tax_amount
from emporium.pricing.vouchers import VoucherDiscount


@dataclass(frozen=True, slots=True)
class LineTotal:
    """One line's figures. `amount` and `discount` are as prices were
    entered (gross or net); `net`, `tax`, `gross` are after the discount."""

    offer_id: int
    quantity: int
    unit_price: Money
    amount: Money
    discount: Money
    tax_rate: Decimal
    net: Money
    tax: Money
    gross: Money


@dataclass(frozen=True, slots=True)
class Totals:
    """What the buyer pays and how it breaks down.

    `subtotal` (lines before discount), `discount` (lines and shipping) and
    `shipping` (before discount) are as prices were entered. `net`, `tax`
    and `total` (gross, what the buyer pays) include shipping after its
    discount; `total == net + tax` always holds, and when every price is
    entered gross `total == subtotal - discount + shipping`.
    """

    currency: str
    lines: tuple[LineTotal, ...]
    subtotal: Money
    discount: Money
    shipping: Money
    shipping_taxed: TaxedAmount
    net: Money
    tax: Money
    total: Money


def compute_totals(
    *,
    lines: Sequence[PricedLine],
    currency: str,
    shipping: ShippingCharge | None = None,
    discount: VoucherDiscount | None = None,
) -> Totals:
    """Totals of `lines` in `currency`, with shipping and a voucher discount.

    Raises:
        CurrencyMismatch: a line, the shipping or the discount is in
            another currency.
        ValueError: two lines for one offer, or a discount larger than the
            lines it applies to.
    """
    offer_ids = [line.offer_id for line in lines]
    if len(set(offer_ids)) != len(offer_ids):
        raise ValueError("each offer may appear on one line only")
    zero = Money.zero(currency)
    line_discounts = _allocate_discount(lines, discount, zero)
    line_totals = tuple(
        _line_total(line, line_discount)
        for line, line_discount in zip(lines, line_discounts, strict=True)
    )
    shipping_price, shipping_discount, shipping_taxed = _shipping_total(
        shipping, discount, zero
    )
    taxed = sum(
        (TaxedAmount(line.net, line.tax, line.gross) for line in line_totals),
        TaxedAmount.zero(currency),
    )
    taxed += shipping_taxed
    return Totals(
        currency=currency,
        lines=line_totals,
        subtotal=sum((line.amount for line in line_totals), zero),
        discount=sum(line_discounts, zero) + shipping_discount,
        shipping=shipping_price,
        shipping_taxed=shipping_taxed,
        net=taxed.net,
        tax=taxed.tax,
        total=taxed.gross,
    )


def _allocate_discount(
    lines: Sequence[PricedLine], discount: VoucherDiscount | None, zero: Money
) -> list[Money]:
    """Each line's share of the voucher's lines part (zero outside scope)."""
    shares = [zero] * len(lines)
    if discount is None or discount.lines_amount.is_zero():
        return shares
    eligible = [
        i for i, line in enumerate(lines) if line.offer_id in discount.offer_ids
    ]
    amounts = [lines[i].amount for i in eligible]
    if discount.lines_amount > sum(amounts, zero):
        raise ValueError(
            f"a discount of {discount.lines_amount} exceeds the lines it applies to"
        )
    parts = allocate(discount.lines_amount, [amount.amount for amount in amounts])
    for index, part in zip(eligible, parts, strict=True):
        shares[index] = part
    return shares


def _line_total(line: PricedLine, discount: Money) -> LineTotal:
    amount = line.amount
    taxed = tax_amount(
        amount - discount, line.tax_rate, prices_include_tax=line.prices_include_tax
    )
    return LineTotal(
        offer_id=line.offer_id,
        quantity=line.quantity,
        unit_price=line.unit_price,
        amount=amount,
        discount=discount,
        tax_rate=line.tax_rate,
        net=taxed.net,
        tax=taxed.tax,
        gross=taxed.gross,
    )


def _shipping_total(
    shipping: ShippingCharge | None, discount: VoucherDiscount | None, zero: Money
) -> tuple[Money, Money, TaxedAmount]:
    """Shipping price, its discount (never more than it) and its taxed rest."""
    if shipping is None:
        return zero, zero, TaxedAmount.zero(zero.currency)
    price = zero + shipping.price.quantize()
    off = zero if discount is None else min(discount.shipping_amount, price)
    taxed = tax_amount(
        price - off, shipping.tax_rate, prices_include_tax=shipping.prices_include_tax
    )
    return price, off, taxed
