"""Writes of one shop's own stock: what the people who run a shop may do
(the vendor dashboard and the vendor API call these).

Each function first finds the offer, warehouse or stock row among the
shop's own, where another shop's is "not found" exactly like a missing one,
then hands over to `inventory.services` (which locks the row, writes the
ledger and publishes `stock.changed`).
"""

from django.db import transaction

from emporium.accounts.models import User
from emporium.catalog.errors import OfferNotFound
from emporium.catalog.models import Offer
from emporium.catalog.services.shop_catalog import create_shop_offer
from emporium.core.money import Money
from emporium.inventory.constants import MANUAL_MOVEMENT_REASONS, MovementReason
from emporium.inventory.errors import (
    InvalidMovementReason,
    InvalidQuantity,
    StockNotFound,
    WarehouseNotFound,
)
from emporium.inventory.models import Stock, Warehouse
from emporium.inventory.services import (
    adjust_stock,
    create_stock,
    update_stock_settings,
)
from emporium.vendors.models import Shop


def _own_offer(shop: Shop, offer_id: int) -> Offer:
    offer = Offer.objects.filter(pk=offer_id, shop=shop).first()
    if offer is None:
        raise OfferNotFound("Offer not found.", extra={"id": offer_id})
    return offer


def _own_warehouse(shop: Shop, warehouse_id: int) -> Warehouse:
    warehouse = Warehouse.objects.filter(pk=warehouse_id, shop=shop).first()
    if warehouse is None:
        raise WarehouseNotFound("Warehouse not found.", extra={"id": warehouse_id})
    return warehouse


def _check_own_stock(shop: Shop, stock_id: int) -> None:
    if not Stock.objects.filter(pk=stock_id, offer__shop=shop).exists():
        raise StockNotFound("Stock not found.", extra={"id": stock_id})


def create_shop_stock(
    *,
    shop: Shop,
    offer_id: int,
    warehouse_id: int,
    actor: User | None,
    quantity: int = 0,
    backorder_allowed: bool = False,
    low_stock_threshold: int | None = None,
) -> Stock:
    """Start stocking one of the shop's offers in one of its warehouses; the
    opening quantity is a `receipt` in the ledger (see `create_stock`).

    Raises:
        OfferNotFound, WarehouseNotFound: not one of the shop's.
        InvalidQuantity, StockExists: as `create_stock`.
    """
    with transaction.atomic():
        return create_stock(
            offer=_own_offer(shop, offer_id),
            warehouse=_own_warehouse(shop, warehouse_id),
            quantity=quantity,
            actor=actor,
            backorder_allowed=backorder_allowed,
            low_stock_threshold=low_stock_threshold,
        )


def adjust_shop_stock(
    *,
    shop: Shop,
    stock_id: int,
    delta: int,
    reason: MovementReason | str,
    actor: User | None,
    note: str = "",
) -> Stock:
    """Add (or remove) units of one of the shop's stock rows by hand, with a
    reason a person books: receipt, adjustment or return (see
    `adjust_stock`: row lock, ledger row, `stock.changed`).

    Raises:
        StockNotFound: no stock row with this id, or another shop's.
        InvalidMovementReason: sale, reservation, release or import.
        InvalidQuantity, InsufficientStock: as `adjust_stock`.
    """
    if reason not in MANUAL_MOVEMENT_REASONS:
        allowed = ", ".join(str(choice) for choice in MANUAL_MOVEMENT_REASONS)
        raise InvalidMovementReason(
            f"Choose a reason among: {allowed}.",
            fields={"reason": [f"Choose among: {allowed}."]},
        )
    with transaction.atomic():
        _check_own_stock(shop, stock_id)
        return adjust_stock(
            stock_id=stock_id, delta=delta, reason=reason, actor=actor, note=note
        )


def update_shop_stock_settings(
    *,
    shop: Shop,
    stock_id: int,
    backorder_allowed: bool | None = None,
    low_stock_threshold: int | None = None,
) -> Stock:
    """Change the backorder flag or low-stock threshold of one of the shop's
    stock rows (None keeps a setting; see `update_stock_settings`).

    Raises:
        StockNotFound: no stock row with this id, or another shop's.
        InvalidQuantity: a negative threshold.
    """
    with transaction.atomic():
        _check_own_stock(shop, stock_id)
        return update_stock_settings(
            stock_id=stock_id,
            backorder_allowed=backorder_allowed,
            low_stock_threshold=low_stock_threshold,
        )


def create_stocked_offer(
    *,
    shop: Shop,
    variant_id: int,
    sku: str,
    price: Money,
    actor: User | None,
    compare_at_price: Money | None = None,
    warehouse_id: int | None = None,
    quantity: int = 0,
) -> Offer:
    """List a variant for sale by `shop` (see `create_shop_offer`: its own
    product's, or another shop's open one) with its opening stock in one of
    the shop's warehouses; all of it or nothing.

    Raises:
        InvalidQuantity: units without a warehouse to hold them.
        WarehouseNotFound: not one of the shop's warehouses.
        and what `create_shop_offer` and `create_stock` raise.
    """
    if quantity and warehouse_id is None:
        raise InvalidQuantity(
            "Choose the warehouse that holds the opening stock.",
            fields={"warehouse": ["Choose one of your warehouses."]},
        )
    with transaction.atomic():
        warehouse = (
            _own_warehouse(shop, warehouse_id) if warehouse_id is not None else None
        )
        offer = create_shop_offer(
            shop=shop,
            variant_id=variant_id,
            sku=sku,
            price=price,
            compare_at_price=compare_at_price,
        )
        if warehouse is not None:
            create_stock(
                offer=offer, warehouse=warehouse, quantity=quantity, actor=actor
            )
    return offer
