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


STOCK_CHANGED = "stock.changed"
DEFAULT_LOW_STOCK_THRESHOLD = 5
