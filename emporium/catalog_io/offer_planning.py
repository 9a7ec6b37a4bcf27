"""Planning one line's offer and its stock: what to create, what changed.

Part of `planning`; compares a sound line with the offer and stock rows the
lookups loaded (no queries) and reports what may not change.
"""

from collections.abc import Callable
from typing import Any

from emporium.catalog.models import Offer, ProductVariant
from emporium.catalog.services import UNSET
from emporium.catalog_io import csv_format as fmt
from emporium.catalog_io.lookups import Lookups
from emporium.catalog_io.parsing import RowInput
from emporium.catalog_io.plans import (
    CREATED,
    UNCHANGED,
    UPDATED,
    OfferPlan,
    StockPlan,
    VariantKey,
)

ErrorSink = Callable[[RowInput, str, str], None]


def plan_offer(
    row: RowInput,
    *,
    lookups: Lookups,
    key: VariantKey,
    variant: ProductVariant | None,
    changed: bool,
    error: ErrorSink,
) -> OfferPlan:
    """The line's offer: new, or the fields and stock that differ.

    `changed`: the line's product or variant changes, so the line counts as
    updated even when its offer does not.
    """
    shop = lookups.shops[row.shop]
    offer = lookups.offers.get((shop.pk, row.sku))
    common = {
        "line": row.line,
        "shop": shop,
        "sku": row.sku,
        "variant_key": key,
        "variant": variant,
    }
    if offer is None:
        compare_at = row.compare_at_price
        fields = {
            "price": row.price,
            "compare_at_price": None if compare_at is UNSET else compare_at,
            "is_active": True if row.is_active is UNSET else row.is_active,
        }
        stock = tuple(
            StockPlan(lookups.warehouses[shop.pk, code], None, quantity)
            for code, quantity in row.stock
        )
        return OfferPlan(**common, outcome=CREATED, fields=fields, stock=stock)
    fields = _offer_fields(row, offer, error)
    stock = _stock_plans(row, offer, lookups, error)
    outcome = UPDATED if fields or stock or changed else UNCHANGED
    return OfferPlan(**common, outcome=outcome, offer=offer, fields=fields, stock=stock)


def _offer_fields(row: RowInput, offer: Offer, error: ErrorSink) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if row.price != offer.price:
        fields["price"] = row.price
    compare_at = row.compare_at_price
    if compare_at is not UNSET and compare_at != offer.compare_at_price:
        fields["compare_at_price"] = compare_at
    currency_moves = row.price.currency != offer.currency
    if compare_at is UNSET and offer.compare_at_amount is not None and currency_moves:
        message = (
            f"the offer has a compare-at price in {offer.currency}; "
            "add the compare_at_price column to change the currency"
        )
        error(row, fmt.CURRENCY, message)
    if row.is_active is not UNSET and row.is_active != offer.is_active:
        fields["is_active"] = row.is_active
    return fields


def _stock_plans(
    row: RowInput, offer: Offer, lookups: Lookups, error: ErrorSink
) -> tuple[StockPlan, ...]:
    plans = []
    for code, quantity in row.stock:
        warehouse = lookups.warehouses[offer.shop_id, code]
        stock = lookups.stocks.get((offer.pk, warehouse.pk))
        if stock is None:
            plans.append(StockPlan(warehouse, None, quantity))
        elif quantity < stock.quantity_reserved:
            message = (
                f"{quantity} is less than the {stock.quantity_reserved} "
                "units reserved for orders"
            )
            error(row, fmt.STOCK_PREFIX + code, message)
        elif quantity != stock.quantity_on_hand:
            plans.append(StockPlan(warehouse, stock.pk, quantity))
    return tuple(plans)
