"""What checkout hands to `place_order`: an `OrderDraft`, frozen and priced.

Checkout loads and prices the cart with `emporium.pricing` (lines, voucher,
shipping, `compute_totals`), then builds a draft; `place_order` stores the
figures as they are and never prices again. Pure: no query here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emporium.core.money import Money, allocate
from emporium.pricing.totals import Totals
from emporium.pricing.vouchers import VoucherDiscount

if TYPE_CHECKING:
    from emporium.accounts.models import Address, User


@dataclass(frozen=True, slots=True)
class AddressSnapshot:
    """An address as it was when the order was placed (stored as JSON)."""

    first_name: str
    last_name: str
    line1: str
    city: str
    country: str
    company: str = ""
    line2: str = ""
    region: str = ""
    postal_code: str = ""
    phone: str = ""

    @classmethod
    def from_address(cls, address: Address) -> AddressSnapshot:
        """Snapshot a saved address of the buyer's address book."""
        return cls(
            first_name=address.first_name,
            last_name=address.last_name,
            company=address.company,
            line1=address.line1,
            line2=address.line2,
            city=address.city,
            region=address.region,
            postal_code=address.postal_code,
            country=str(address.country),
            phone=address.phone,
        )

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ParcelQuote:
    """What the chosen shipping method quoted for one shop's parcel."""

    shop_id: int
    price: Money


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """A priced cart ready to become an order.

    `totals` is `pricing.totals.compute_totals(...)` for the cart: its
    lines (offer, quantity, unit price, discount share, tax rate, net, tax,
    gross), shipping and discount become the order's frozen figures.
    `voucher` is the discount `pricing.vouchers.compute_voucher_discount`
    gave (redeemed when the order is placed); `billing_address` None means
    the shipping address. `reservation_minutes` None means the
    `STOCK_RESERVATION_MINUTES` setting. `parcels` are the method's quotes
    per shop (see `shipping_per_shop`); none: one parcel for the order.
    """

    email: str
    totals: Totals
    shipping_address: AddressSnapshot
    billing_address: AddressSnapshot | None = None
    customer: User | None = None
    shipping_method_id: int | None = None
    shipping_method_name: str = ""
    voucher: VoucherDiscount | None = None
    payment_method: str = ""
    reservation_minutes: int | None = None
    parcels: tuple[ParcelQuote, ...] = ()

    @property
    def currency(self) -> str:
        return self.totals.currency

    @property
    def billing(self) -> AddressSnapshot:
        return self.billing_address or self.shipping_address


def draft_fingerprint(draft: OrderDraft) -> str:
    """A digest of what the buyer asked for: who, which items, where, how.

    Prices are left out on purpose: a retry a moment later may see a new
    price, and it is still the same request. The buyer is in, so another
    buyer's request never matches.
    """
    content: dict[str, Any] = {
        "customer": str(draft.customer.pk) if draft.customer else None,
        "email": draft.email.strip().lower(),
        "currency": draft.currency,
        "lines": sorted((line.offer_id, line.quantity) for line in draft.totals.lines),
        "shipping_method": draft.shipping_method_id,
        "voucher": draft.voucher.code if draft.voucher else "",
        "payment_method": draft.payment_method,
        "shipping_address": draft.shipping_address.as_dict(),
        "billing_address": draft.billing.as_dict(),
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def shipping_per_shop(draft: OrderDraft, shop_ids: list[int]) -> dict[int, Money]:
    """What the buyer pays for each shop's parcel: the shop's shipping income.

    The shipping the order charges (gross, after a free-shipping voucher:
    then nothing) is split over the shops in proportion to their parcels'
    quotes, with `allocate`, so the parts add up to it exactly. Without
    quotes (or when every quote is zero) the shops share it equally.
    """
    paid = draft.totals.shipping_taxed.gross
    if not shop_ids:
        return {}
    quotes = {parcel.shop_id: parcel.price.amount for parcel in draft.parcels}
    weights = [quotes.get(shop_id, Decimal(0)) for shop_id in shop_ids]
    if not any(weights):
        weights = [Decimal(1)] * len(shop_ids)
    return dict(zip(shop_ids, allocate(paid, weights), strict=True))
