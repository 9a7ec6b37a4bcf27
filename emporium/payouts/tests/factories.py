"""Builders for payout tests: shops with a commission rate, and orders sold
across them, placed and paid through the orders services as checkout does.

The worked example of docs/vendor-sales.md (`worked_example`): North sells
2 x Mug at 12.00 (10 %), South 1 x Lamp at 30.00 (15 %), gross prices at
19 % VAT, a 10 % voucher (5.40 split 2.40 : 3.00), 4.90 shipping per
parcel:

| | North | South |
| --- | --- | --- |
| items (gross after the voucher) | 21.60 | 27.00 |
| net (tax 3.45 / 4.31) | 18.15 | 22.69 |
| shipping | 4.90 | 4.90 |
| sale | 26.50 | 31.90 |
| commission (1.815 / 3.4035) | 1.82 | 3.40 |
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.money import Money
from emporium.inventory.tests.factories import StockFactory
from emporium.orders.drafts import OrderDraft, ParcelQuote
from emporium.orders.models import Fulfilment, Order
from emporium.orders.services import mark_order_paid, place_order
from emporium.orders.tests.factories import ADDRESS
from emporium.payouts.services import record_order_sales
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.tests.factories import VoucherFactory
from emporium.pricing.totals import compute_totals
from emporium.pricing.vouchers import VoucherDiscount
from emporium.vendors.models import Shop
from emporium.vendors.tests.factories import ShopFactory


def shop_with_rate(rate: str = "10.00", **fields) -> Shop:
    return ShopFactory(commission_rate=Decimal(rate), **fields)


def offer_of(shop: Shop, price: str, currency: str = "EUR", title: str = "") -> Offer:
    product = ProductFactory(shop=shop, **({"title": title} if title else {}))
    offer = OfferFactory(
        variant=VariantFactory(product=product),
        price_amount=Decimal(price),
        currency=currency,
    )
    StockFactory(offer=offer, quantity_on_hand=1000)
    return offer


def sell(
    items: Sequence[tuple[Offer, int]],
    *,
    quotes: dict[int, str] | None = None,
    discount: str = "",
    vat: str = "19",
    paid: bool = True,
    record: bool = True,
    customer=None,
) -> Order:
    """Place (and pay, and record the sales of) an order for `items`.

    `quotes`: the shipping quote per shop id (default 4.90 each, in the
    offers' currency); `discount`: a voucher's amount off the lines.
    """
    currency = items[0][0].currency
    lines = [
        PricedLine(
            offer_id=offer.pk,
            shop_id=offer.shop_id,
            product_id=offer.variant.product_id,
            category_ids=frozenset(),
            unit_price=offer.price,
            quantity=quantity,
            tax_rate=Decimal(vat),
            prices_include_tax=True,
        )
        for offer, quantity in items
    ]
    shop_ids = list(dict.fromkeys(offer.shop_id for offer, _ in items))
    quotes = quotes or dict.fromkeys(shop_ids, "4.90")
    voucher = None
    if discount:
        voucher = VoucherDiscount(
            voucher_id=VoucherFactory(currency=currency).pk,
            code="SAVE",
            lines_amount=Money(discount, currency),
            shipping_amount=Money.zero(currency),
            offer_ids=frozenset(offer.pk for offer, _ in items),
        )
    shipping = sum((Money(q, currency) for q in quotes.values()), Money.zero(currency))
    totals = compute_totals(
        lines=lines,
        currency=currency,
        shipping=ShippingCharge(shipping, Decimal(vat), True),
        discount=voucher,
    )
    draft = OrderDraft(
        email="buyer@example.com",
        totals=totals,
        shipping_address=ADDRESS,
        customer=customer,
        shipping_method_name="Standard",
        voucher=voucher,
        payment_method="test",
        parcels=tuple(
            ParcelQuote(shop_id=shop_id, price=Money(price, currency))
            for shop_id, price in quotes.items()
        ),
    )
    order = place_order(draft=draft, idempotency_key=uuid.uuid4().hex, actor=None)
    if paid:
        order = mark_order_paid(order_id=order.pk, actor=None)
        if record:
            record_order_sales(order_id=order.pk)
    return order


@dataclass
class WorkedExample:
    north: Shop
    south: Shop
    order: Order

    def fulfilment(self, shop: Shop) -> Fulfilment:
        return Fulfilment.objects.get(order=self.order, shop=shop)


def worked_example(**options) -> WorkedExample:
    north = shop_with_rate("10.00", name="North", slug="north")
    south = shop_with_rate("15.00", name="South", slug="south")
    mug = offer_of(north, "12.00", title="Mug")
    lamp = offer_of(south, "30.00", title="Lamp")
    order = sell([(mug, 2), (lamp, 1)], discount="5.40", **options)
    return WorkedExample(north=north, south=south, order=order)
