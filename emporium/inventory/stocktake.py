"""Writes: bringing stock to a counted quantity (a stocktake, an import).

A service beside `services.py` (kept apart so the two change independently):
it sets a target instead of a difference, and books the difference through
`adjust_stock`, so the ledger stays the one record of every change.
"""

from django.db import transaction

from emporium.accounts.models import User
from emporium.inventory.constants import MovementReason
from emporium.inventory.errors import InvalidQuantity, StockNotFound
from emporium.inventory.models import Stock
from emporium.inventory.services import adjust_stock


def set_stock_on_hand(
    *,
    stock_id: int,
    quantity: int,
    reason: MovementReason | str,
    actor: User | None,
    note: str = "",
) -> Stock:
    """Bring a stock row's on-hand quantity to `quantity`.

    Locks the row, reads what is on hand under the lock and adjusts by the
    difference (a `StockMovement` with `reason`, and `stock.changed`);
    nothing is written when it is already there. Call it inside the
    caller's transaction to keep the lock until commit.

    Raises:
        InvalidQuantity: `quantity` is not a whole number, 0 or more.
        StockNotFound: no stock row with this id.
        InsufficientStock: `quantity` is below what is reserved.
    """
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise InvalidQuantity("The quantity must be a whole number, 0 or more.")
    with transaction.atomic():
        stock = Stock.objects.select_for_update().filter(pk=stock_id).first()
        if stock is None:
            raise StockNotFound("Stock not found.")
        delta = quantity - stock.quantity_on_hand
        if delta == 0:
            return stock
        return adjust_stock(
            stock_id=stock.pk, delta=delta, reason=reason, actor=actor, note=note
        )
