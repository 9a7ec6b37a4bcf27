"""What a cart read returns: lines with their status, messages, a summary.

Small frozen dataclasses built by `services.read_cart` and
`selectors.get_cart_summary`; the API serializes them and the storefront
renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emporium.cart.constants import LineStatus
from emporium.core.money import Money

if TYPE_CHECKING:
    from emporium.cart.models import Cart, CartLine
    from emporium.catalog.models import Offer, ProductImage
    from emporium.pricing.lines import PricedLine
    from emporium.pricing.totals import Totals
    from emporium.pricing.vouchers import VoucherDiscount, VoucherTerms


@dataclass(frozen=True, slots=True)
class CartMessage:
    """Something the buyer should know, said once (`code`: `MessageCode`)."""

    code: str
    text: str
    line_id: int | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class LineView:
    """A cart line as the buyer sees it now.

    `line.offer` is loaded with its shop, variant (option values) and
    product (images). `available_quantity` is None when stock does not
    limit the line (backorders).
    """

    line: CartLine
    status: LineStatus
    unit_price: Money
    available_quantity: int | None
    previous_unit_price: Money | None = None
    previous_quantity: int | None = None

    @property
    def id(self) -> int:
        return self.line.pk

    @property
    def quantity(self) -> int:
        return self.line.quantity

    @property
    def total(self) -> Money:
        """Unit price x quantity, rounded (before any discount)."""
        return (self.unit_price * self.line.quantity).quantize()

    @property
    def is_sellable(self) -> bool:
        return self.status != LineStatus.UNAVAILABLE

    @property
    def variant_label(self) -> str:
        variant = self.line.offer.variant
        values = [value.value for value in variant.option_values.all()]
        return " / ".join(values) or variant.name

    @property
    def name(self) -> str:
        """The product title, with the variant when the product has options."""
        return display_name(self.line.offer)

    @property
    def image(self) -> ProductImage | None:
        """The variant's own image if it has one, else the product's first."""
        variant = self.line.offer.variant
        images = list(variant.product.images.all())
        own = [image for image in images if image.variant_id == variant.pk]
        return (own or images or [None])[0]


def display_name(offer: Offer) -> str:
    """How messages name an offer: "Shirt (M / Blue)", or just "Shirt"."""
    variant = offer.variant
    values = [value.value for value in variant.option_values.all()]
    title = variant.product.title
    return f"{title} ({' / '.join(values)})" if values else title


@dataclass(frozen=True, slots=True)
class CartSummary:
    """The money of a cart's sellable lines (see `get_cart_summary`).

    Amounts are as the shops entered prices. Without a destination the
    tax rate is taken as zero: `totals.total` is then subtotal less
    discount, and tax is checkout's to add.
    """

    currency: str
    item_count: int
    priced_lines: tuple[PricedLine, ...]
    totals: Totals
    voucher: VoucherTerms | None = None
    discount: VoucherDiscount | None = None

    @property
    def subtotal(self) -> Money:
        return self.totals.subtotal

    @property
    def discount_amount(self) -> Money:
        return self.totals.discount

    @property
    def total(self) -> Money:
        return self.totals.total


@dataclass(frozen=True, slots=True)
class CartView:
    """A cart after a read: its lines, what changed, and its summary.

    `cart` is None when the visitor has no cart yet (an empty cart).
    """

    cart: Cart | None
    lines: tuple[LineView, ...]
    summary: CartSummary
    messages: tuple[CartMessage, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def is_ready_for_checkout(self) -> bool:
        """Something to buy, and nothing unavailable left in the way."""
        return bool(self.lines) and all(line.is_sellable for line in self.lines)


@dataclass(frozen=True, slots=True)
class ResolvedCart:
    """The cart a request works on (see `services.resolve_cart`).

    `forget_token`: the guest token the request carried is no longer valid
    (unknown, or merged into the user's cart); the edge drops its cookie.
    `messages`: what a merge changed, to tell the buyer once.
    """

    cart: Cart | None
    forget_token: bool = False
    messages: tuple[CartMessage, ...] = ()


@dataclass(frozen=True, slots=True)
class AddedLine:
    """The line an add made or grew, and its cart (`created_cart`: new)."""

    cart: Cart
    line: CartLine
    created_cart: bool
