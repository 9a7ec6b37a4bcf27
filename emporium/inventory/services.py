"""Writes of stock: every change locks the row and writes a ledger entry."""

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.inventory.constants import STOCK_CHANGED, STOCK_UPDATED, MovementReason
from emporium.inventory.errors import (
    InsufficientStock,
    InvalidQuantity,
    StockExists,
    StockNotFound,
    WarehouseOfOtherShop,
)
from emporium.inventory.models import Stock, StockMovement, Warehouse

if TYPE_CHECKING:
    from emporium.catalog.models import Offer

# The largest value the quantity columns hold on every supported database.
MAX_QUANTITY = 2_147_483_647


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
        InvalidQuantity: `delta` is zero or not an int, or on hand would
            pass what the column holds.
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
        if new_on_hand > MAX_QUANTITY:
            raise InvalidQuantity(
                f"A stock row holds at most {MAX_QUANTITY:,} units.",
                extra={"stock_id": stock.pk, "requested": delta},
            )
        if new_on_hand < stock.quantity_reserved:
            raise InsufficientStock(
                f"Only {stock.quantity_available} available; cannot remove {-delta}.",
                extra={
                    "stock_id": stock.pk,
                    "available": stock.quantity_available,
                    "requested": -delta,
                },
            )
        available_before = stock.quantity_available
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
            stock_changed_payload(
                stock, delta=delta, reason=reason, available_before=available_before
            ),
        )
    return stock


def stock_changed_payload(
    stock: Stock, *, delta: int, reason: MovementReason, available_before: int
) -> dict:
    """The payload of `stock.changed`, for a row already changed.

    `ran_low` is true when this change took the row's available quantity
    from above its low-stock threshold to at or below it: once per
    crossing, decided here under the row lock (a sale while the row stays
    low does not cross again; a restock above the threshold re-arms it).
    The low-stock email (notifications) is sent for it.
    """
    available = stock.quantity_available
    threshold = stock.low_stock_threshold
    return {
        "stock_id": stock.pk,
        "offer_id": stock.offer_id,
        "warehouse_id": stock.warehouse_id,
        "delta": delta,
        "reason": MovementReason(reason).value,
        "quantity_on_hand": stock.quantity_on_hand,
        "quantity_reserved": stock.quantity_reserved,
        "quantity_available": available,
        "low_stock_threshold": threshold,
        "ran_low": available <= threshold < available_before,
    }


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
        InvalidQuantity: a negative opening quantity or threshold.
        WarehouseOfOtherShop: the warehouse belongs to another shop than
            the offer.
        StockExists: the offer is already stocked in this warehouse.
    """
    if quantity < 0:
        raise InvalidQuantity("The opening quantity cannot be negative.")
    _check_threshold(low_stock_threshold)
    check_stock_placement(offer=offer, warehouse=warehouse)
    extra = (
        {}
        if low_stock_threshold is None
        else {"low_stock_threshold": low_stock_threshold}
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                stock = Stock.objects.create(
                    offer=offer,
                    warehouse=warehouse,
                    backorder_allowed=backorder_allowed,
                    **extra,
                )
        except IntegrityError as exc:
            raise StockExists(
                "The offer is already stocked in this warehouse.",
                extra={"offer_id": offer.pk, "warehouse_id": warehouse.pk},
            ) from exc
        if quantity:
            stock = adjust_stock(
                stock_id=stock.pk, delta=quantity, reason=reason, actor=actor
            )
    return stock


def check_stock_placement(*, offer: "Offer", warehouse: Warehouse) -> None:
    """Refuse stocking an offer in a warehouse of another shop (forms call
    it to show the error before saving).

    Raises:
        WarehouseOfOtherShop: the warehouse belongs to another shop.
    """
    if warehouse.shop_id != offer.shop_id:
        raise WarehouseOfOtherShop(
            "The warehouse belongs to another shop than the offer.",
            fields={"warehouse": ["Choose a warehouse of the offer's shop."]},
            extra={"offer_id": offer.pk, "warehouse_id": warehouse.pk},
        )


def update_stock_settings(
    *,
    stock_id: int,
    backorder_allowed: bool | None = None,
    low_stock_threshold: int | None = None,
) -> Stock:
    """Change how a stock row sells and alerts; quantities stay as they are.

    None leaves a setting unchanged. Locks the row like `adjust_stock` and
    publishes `stock.updated` naming the fields changed.

    Raises:
        InvalidQuantity: a negative threshold.
        StockNotFound: no stock row with this id.
    """
    _check_threshold(low_stock_threshold)
    changes = {
        name: value
        for name, value in (
            ("backorder_allowed", backorder_allowed),
            ("low_stock_threshold", low_stock_threshold),
        )
        if value is not None
    }
    with transaction.atomic():
        stock = Stock.objects.select_for_update().filter(pk=stock_id).first()
        if stock is None:
            raise StockNotFound("Stock not found.")
        for name, value in changes.items():
            setattr(stock, name, value)
        stock.save(update_fields=[*changes, "updated_at"])
        publish(
            STOCK_UPDATED,
            {
                "stock_id": stock.pk,
                "offer_id": stock.offer_id,
                "warehouse_id": stock.warehouse_id,
                "fields": list(changes),
            },
        )
    return stock


def _check_threshold(threshold: int | None) -> None:
    if threshold is not None and not 0 <= threshold <= MAX_QUANTITY:
        raise InvalidQuantity(
            "The low-stock threshold must be a whole number, 0 or more.",
            fields={"low_stock_threshold": ["Enter a whole number, 0 or more."]},
        )
