"""Insert planned products in bulk: a few `bulk_create` calls per table and
batch, no per-row services (the services' events and locks are for live
edits, not for loading 100,000 products). Opening stock is booked as one
`import` ledger row per non-empty stock row, so the ledger's deltas still
add up to each row's quantity on hand.
"""

from collections import Counter

from emporium.catalog.models import (
    AttributeValue,
    Offer,
    Product,
    ProductVariant,
)
from emporium.demo.plans import ProductPlan
from emporium.inventory.constants import MovementReason
from emporium.inventory.models import Stock, StockMovement

BATCH_SIZE = 2000

VariantOptionValue = ProductVariant.option_values.through


def _insert_products(plans: list[ProductPlan]) -> None:
    Product.objects.bulk_create([p.product for p in plans], batch_size=BATCH_SIZE)
    for plan in plans:
        for vplan in plan.variants:
            vplan.variant.product_id = plan.product.pk
        for value in plan.attributes:
            value.product_id = plan.product.pk


def _insert_variants(plans: list[ProductPlan]) -> int:
    vplans = [v for p in plans for v in p.variants]
    ProductVariant.objects.bulk_create(
        [v.variant for v in vplans], batch_size=BATCH_SIZE
    )
    links = [
        VariantOptionValue(productvariant_id=v.variant.pk, optionvalue_id=value_id)
        for v in vplans
        for value_id in v.option_value_ids
    ]
    VariantOptionValue.objects.bulk_create(links, batch_size=BATCH_SIZE)
    return len(links)


def _insert_offers_and_stock(plans: list[ProductPlan]) -> tuple[int, int, int]:
    oplans = []
    for plan in plans:
        for vplan in plan.variants:
            for oplan in vplan.offers:
                oplan.offer.variant_id = vplan.variant.pk
                oplans.append(oplan)
    Offer.objects.bulk_create([o.offer for o in oplans], batch_size=BATCH_SIZE)
    stocks = [
        Stock(offer_id=o.offer.pk, warehouse_id=warehouse_id, quantity_on_hand=qty)
        for o in oplans
        for warehouse_id, qty in o.quantities
    ]
    Stock.objects.bulk_create(stocks, batch_size=BATCH_SIZE)
    movements = [
        StockMovement(
            stock_id=s.pk,
            delta=s.quantity_on_hand,
            reason=MovementReason.IMPORT,
            note="Demo data",
            quantity_after=s.quantity_on_hand,
        )
        for s in stocks
        if s.quantity_on_hand
    ]
    StockMovement.objects.bulk_create(movements, batch_size=BATCH_SIZE)
    return len(oplans), len(stocks), len(movements)


def write_batch(plans: list[ProductPlan]) -> Counter:
    """Insert the plans' rows; the caller holds the transaction."""
    _insert_products(plans)
    option_links = _insert_variants(plans)
    offers, stocks, movements = _insert_offers_and_stock(plans)
    values = [v for p in plans for v in p.attributes]
    AttributeValue.objects.bulk_create(values, batch_size=BATCH_SIZE)
    return Counter(
        products=len(plans),
        variants=sum(len(p.variants) for p in plans),
        variant_option_values=option_links,
        offers=offers,
        stocks=stocks,
        stock_movements=movements,
        attribute_values=len(values),
    )
