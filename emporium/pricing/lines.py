"""The inputs of every price computation: small frozen dataclasses.

A cart or a checkout loads its lines once (`selectors.list_priced_lines`)
into `PricedLine`s; vouchers (`vouchers.py`) and totals (`totals.py`) are
pure functions over them, with no query inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from emporium.core.money import Money


@dataclass(frozen=True, slots=True)
class PricedLine:
    """One cart line, as pricing sees it.

    `unit_price` is as the shop entered it: gross when `prices_include_tax`,
    net otherwise. `category_ids` holds the product's category and all its
    ancestors, so "in category C or below" is a set intersection.
    """

    offer_id: int
    shop_id: int
    product_id: int
    category_ids: frozenset[int]
    unit_price: Money
    quantity: int
    tax_rate: Decimal
    prices_include_tax: bool

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise TypeError("quantity must be an int")
        if self.quantity < 1:
            raise ValueError(f"quantity must be at least 1, not {self.quantity}")

    @property
    def amount(self) -> Money:
        """Unit x quantity, rounded to the minor unit (before any discount)."""
        return (self.unit_price * self.quantity).quantize()


@dataclass(frozen=True, slots=True)
class ShippingCharge:
    """The chosen delivery's price, taxed like a line.

    `tax_rate` normally comes from `taxes.shipping_tax_rate()` (the
    destination's standard rate); `prices_include_tax` says whether `price`
    is gross or net.
    """

    price: Money
    tax_rate: Decimal
    prices_include_tax: bool
