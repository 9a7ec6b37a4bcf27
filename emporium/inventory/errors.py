"""Inventory errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, InvalidInput, NotFound


class StockNotFound(NotFound):
    default_code = "stock_not_found"


class InsufficientStock(Conflict):
    """The change would leave less on hand than zero or than is reserved."""

    default_code = "insufficient_stock"


class InvalidQuantity(InvalidInput):
    default_code = "invalid_quantity"


class WarehouseOfOtherShop(InvalidInput):
    """Stock of an offer lives in a warehouse of the offer's own shop."""

    default_code = "warehouse_of_other_shop"


class StockExists(Conflict):
    default_code = "stock_exists"


class OutOfStock(Conflict):
    """Some line cannot be covered; `extra["offers"]` names each short offer
    with the quantity requested and available."""

    default_code = "out_of_stock"


class ReservationExists(Conflict):
    """The reference already holds an active reservation."""

    default_code = "reservation_exists"


class WarehouseNotFound(NotFound):
    default_code = "warehouse_not_found"


class WarehouseCodeTaken(Conflict):
    """A shop's warehouse codes are unique (imports name warehouses by code)."""

    default_code = "warehouse_code_taken"


class InvalidWarehouse(InvalidInput):
    default_code = "invalid_warehouse"


class InvalidMovementReason(InvalidInput):
    """A person books receipts, adjustments and returns; sales, reservations
    and imports are booked by their own flows."""

    default_code = "invalid_reason"
