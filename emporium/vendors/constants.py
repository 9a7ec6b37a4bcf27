"""Shop statuses, events and limits."""

from decimal import Decimal

from django.db import models


class ShopStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SUSPENDED = "suspended", "Suspended"


class ShopMemberRole(models.TextChoices):
    # The owner applied for the shop (or was given it by staff); owners
    # invite and remove staff. Staff run the shop's catalogue and orders.
    OWNER = "owner", "Owner"
    STAFF = "staff", "Staff"


SHOP_CREATED = "shop.created"
SHOP_STATUS_CHANGED = "shop.status_changed"

# Commission is a percentage of the line's net amount.
MIN_COMMISSION_RATE = Decimal("0")
MAX_COMMISSION_RATE = Decimal("100")
DEFAULT_COMMISSION_RATE = Decimal("10.00")
