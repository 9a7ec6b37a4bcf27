"""Writes of stock: every change locks the row and writes a ledger entry."""

from typing import TYPE_CHECKING

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.inventory.constants import STOCK_CHANGED, MovementReason
from emporium.inventory.errors import InsufficientStock, InvalidQuantity, StockNotFound
from emporium.inventory.models import Stock, StockMovement, Warehouse

if TYPE_CHECKING:
    from emporium.catalog.models import Offer


def adjust_stock(
    *,
    stock_id: int,
    delta: int,
    reason: MovementReason | str,
    actor: User | None,
    note: str = "",
) -> Stock:
    """Add `delta` (negative to remove) to a stock row's quantity on hand.

    Takes a row lock (`SELECT ... FOR UPDATE`) for the rest of the caller's
    transaction, so concurrent adjustments of one row run one after another
    and never take on hand below what is reserved. Writes a `StockMovement`
    with the quantity after, and publishes `stock.changed` (delivered after
    commit: cache invalidation, low-stock alerts, search).

    Raises:
        InvalidQuantity: `delta` is zero or not an int.
        StockNotFound: no stock row with this id.
        InsufficientStock: on hand would drop below the reserved quantity
            (or below zero); nothing changes.
    """
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0:
        raise InvalidQuantity("The change must be a whole number other than zero.")
    reason = MovementReason(reason)
    with transaction.atomic():
        stock = Stock.objects.select_for_update().filter(pk=stock_id).first()
        if stock is None:
            raise StockNotFound("Stock not found.")
        new_on_hand = stock.quantity_on_hand + delta
        if new_on_hand < stock.quantity_reserved:
            raise InsufficientStock(
                f"Only {stock.quantity_available} available; cannot remove {-delta}.",
                extra={
                    "stock_id": stock.pk,
                    "available": stock.quantity_available,
                    "requested": -delta,
                },
            )
        stock.quantity_on_hand = new_on_hand
        stock.save(update_fields=["quantity_on_hand", "updated_at"])
        StockMovement.objects.create(
            stock=stock,
            delta=delta,
            reason=reason,
            actor=actor,
            note=note,
            quantity_after=new_on_hand,
        )
        publish(
            STOCK_CHANGED,
            {
                "stock_id": stock.pk,
                "offer_id": stock.offer_id,
                "warehouse_id": stock.warehouse_id,
                "delta": delta,
                "reason": reason.value,
                "quantity_on_hand": stock.quantity_on_hand,
                "quantity_reserved": stock.quantity_reserved,
            },
        )
    return stock


def create_stock(
    *,
    offer: "Offer",
    warehouse: Warehouse,
    quantity: int = 0,
    actor: User | None,
    backorder_allowed: bool = False,
    low_stock_threshold: int | None = None,
    reason: MovementReason | str = MovementReason.RECEIPT,
) -> Stock:
    """Start stocking an offer in a warehouse, with an opening quantity.

    The opening quantity goes through `adjust_stock`, so it has its ledger
    row like every later change.

    Raises:
        InvalidQuantity: a negative opening quantity.
    """
    if quantity < 0:
        raise InvalidQuantity("The opening quantity cannot be negative.")
    extra = (
        {}
        if low_stock_threshold is None
        else {"low_stock_threshold": low_stock_threshold}
    )
    with transaction.atomic():
        stock = Stock.objects.create(
            offer=offer,
            warehouse=warehouse,
            backorder_allowed=backorder_allowed,
            **extra,
        )
        if quantity:
            stock = adjust_stock(
                stock_id=stock.pk, delta=quantity, reason=reason, actor=actor
            )
    return stock
