"""What checkout reads and returns: small frozen dataclasses.

`Parcel`s and `ShippingOption`s come from `totals.py` (pure);
`CheckoutSummary` is what the buyer sees before committing
(`services.summarize_checkout`), `CheckoutResult` what placing gave
(`services.place_checkout`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from emporium.core.money import Money

if TYPE_CHECKING:
    from emporium.cart.types import CartView, LineView
    from emporium.core.errors import DomainError
    from emporium.orders.models import Order
    from emporium.payments.services import PaymentResult
    from emporium.pricing.totals import LineTotal, Totals
    from emporium.pricing.vouchers import VoucherDiscount, VoucherTerms


@dataclass(frozen=True, slots=True)
class Parcel:
    """One shop's goods in the cart: each shop ships its own parcel.

    `subtotal` is what the buyer pays for them after line and voucher
    discounts, before shipping, as the shop entered prices: the figure
    shipping's free-above and order-value rules compare.
    """

    shop_id: int
    weight_grams: int
    subtotal: Money


@dataclass(frozen=True, slots=True)
class ShippingOption:
    """A method that ships every parcel of the cart, and what it costs in all.

    `price` is the sum of the method's quote for each parcel; `parcels`
    says how many that is. `is_free` when every parcel ships free.
    """

    method_id: int
    name: str
    price: Money
    is_free: bool
    parcels: int = 1
    min_days: int | None = None
    max_days: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """A cart line with its figures for the destination."""

    view: LineView
    total: LineTotal


@dataclass(frozen=True, slots=True)
class CheckoutSummary:
    """The buyer's order as it would be placed now, before committing.

    `options` are the shipping methods for `country` (empty without one,
    or when nothing ships there); `shipping` is the chosen one, if it is
    among them. Without `country` the figures carry no tax yet.
    """

    cart: CartView
    country: str
    options: tuple[ShippingOption, ...]
    shipping: ShippingOption | None
    totals: Totals
    lines: tuple[SummaryLine, ...]
    voucher: VoucherTerms | None = None
    discount: VoucherDiscount | None = None

    @property
    def currency(self) -> str:
        return self.totals.currency

    @property
    def prices_include_tax(self) -> bool:
        """Every item priced gross: the tax is part of the prices shown."""
        return all(line.view.line.offer.shop.prices_include_tax for line in self.lines)

    @property
    def can_place(self) -> bool:
        """A cart ready for checkout, with a shipping method chosen."""
        return self.cart.is_ready_for_checkout and self.shipping is not None


@dataclass(frozen=True, slots=True)
class CheckoutResult:
    """What placing an order gave, and the buyer's next step.

    `payment` is the payment attempt's result (`status`, `next_action`,
    `failure_message`); None when no attempt was started here: a replay
    whose order has no payment yet, or `payment_error`, the refusal of
    `payments.start_payment` after the order was placed (the order then
    awaits payment and the buyer may retry). `is_replay`: the key had
    placed this order before; nothing new happened.
    """

    order: Order
    payment: PaymentResult | None
    is_replay: bool = False
    payment_error: DomainError | None = None

    @property
    def payment_status(self) -> str:
        if self.payment is not None:
            return str(self.payment.status)
        return "failed" if self.payment_error is not None else ""
