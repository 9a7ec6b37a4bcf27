"""Builders for order tests: stocked offers, priced drafts, placed orders.

Orders are made through `place_order`, as checkout makes them, so every
test sees real reservations, lines, fulfilments and timeline entries.
"""

import uuid
from collections.abc import Sequence
from decimal import Decimal

from emporium.accounts.models import User
from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.money import Money
from emporium.inventory.models import Stock
from emporium.inventory.tests.factories import StockFactory
from emporium.orders.drafts import AddressSnapshot, OrderDraft
from emporium.orders.models import Order
from emporium.orders.services import place_order
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.totals import compute_totals
from emporium.pricing.vouchers import VoucherDiscount
from emporium.vendors.models import Shop

VAT = Decimal("19")
ADDRESS = AddressSnapshot(
    first_name="Ada",
    last_name="Lovelace",
    line1="Hauptstr. 1",
    city="Berlin",
    postal_code="10115",
    country="DE",
)


def stocked_offer(
    *,
    quantity: int = 10,
    price: str = "10.00",
    shop: Shop | None = None,
    backorder_allowed: bool = False,
) -> Offer:
    """An active offer with one stock row of `quantity` on hand."""
    variant = VariantFactory(
        product=ProductFactory(shop=shop) if shop else ProductFactory()
    )
    offer = OfferFactory(variant=variant, price_amount=Decimal(price))
    StockFactory(
        offer=offer, quantity_on_hand=quantity, backorder_allowed=backorder_allowed
    )
    return offer


def stock_of(offer: Offer) -> Stock:
    return Stock.objects.get(offer=offer)


def priced_line(offer: Offer, quantity: int) -> PricedLine:
    return PricedLine(
        offer_id=offer.pk,
        shop_id=offer.shop_id,
        product_id=offer.variant.product_id,
        category_ids=frozenset(),
        unit_price=offer.price,
        quantity=quantity,
        tax_rate=VAT,
        prices_include_tax=offer.shop.prices_include_tax,
    )


def make_draft(
    items: Sequence[tuple[Offer, int]],
    *,
    customer: User | None = None,
    email: str = "",
    shipping: str = "4.90",
    voucher: VoucherDiscount | None = None,
    reservation_minutes: int | None = None,
) -> OrderDraft:
    """A draft priced like checkout prices it: 19 % VAT, gross prices."""
    lines = [priced_line(offer, quantity) for offer, quantity in items]
    totals = compute_totals(
        lines=lines,
        currency="EUR",
        shipping=ShippingCharge(Money(shipping, "EUR"), VAT, True),
        discount=voucher,
    )
    return OrderDraft(
        email=email or (customer.email if customer else "guest@example.com"),
        totals=totals,
        shipping_address=ADDRESS,
        customer=customer,
        shipping_method_name="Standard",
        voucher=voucher,
        payment_method="test",
        reservation_minutes=reservation_minutes,
    )


def place(
    items: Sequence[tuple[Offer, int]],
    *,
    customer: User | None = None,
    key: str = "",
    **draft_options,
) -> Order:
    """Place an order for `items` through the service."""
    draft = make_draft(items, customer=customer, **draft_options)
    return place_order(
        draft=draft, idempotency_key=key or uuid.uuid4().hex, actor=customer
    )
