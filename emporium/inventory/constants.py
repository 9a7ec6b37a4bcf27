"""Stock movement reasons, events and limits."""

from django.db import models


class MovementReason(models.TextChoices):
    RECEIPT = "receipt", "Goods received"
    ADJUSTMENT = "adjustment", "Manual adjustment"
    SALE = "sale", "Sale"
    RETURN = "return", "Return"
    RESERVATION = "reservation", "Reservation"
    RELEASE = "release", "Reservation released"
    IMPORT = "import", "Import"


# Reasons a person records by hand (staff API): sales, reservations and
# releases are booked by the order flow, imports by the importer.
MANUAL_MOVEMENT_REASONS = (
    MovementReason.RECEIPT,
    MovementReason.ADJUSTMENT,
    MovementReason.RETURN,
)

STOCK_CHANGED = "stock.changed"
STOCK_UPDATED = "stock.updated"
DEFAULT_LOW_STOCK_THRESHOLD = 5


class ReservationStatus(models.TextChoices):
    """Where a stock reservation stands (see `inventory.reservations`)."""

    ACTIVE = "active", "Active"
    COMMITTED = "committed", "Sold"
    RELEASED = "released", "Released"
    RETURNED = "returned", "Returned to stock"


# Published once per reference whose reservation ran out and was released.
STOCK_RESERVATION_EXPIRED = "stock.reservation_expired"
