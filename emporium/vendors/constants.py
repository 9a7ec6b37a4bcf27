"""Shop statuses, events and limits."""

from datetime import timedelta
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
# {"shop_id", "resubmitted"}: an applicant (re)submitted; staff decide next.
SHOP_APPLICATION_SUBMITTED = "shop.application_submitted"
# {"shop_id", "fields"}: the public profile changed (not the status).
SHOP_PROFILE_UPDATED = "shop.profile_updated"
# {"shop_id", "branch_id", "action"}: a branch was added, changed or removed.
SHOP_BRANCHES_CHANGED = "shop.branches_changed"
# {"invitation_id"}: send (or send again) the invitation email.
SHOP_INVITATION_SENT = "shop.invitation_sent"
# {"shop_id", "user_id", "role"}: someone joined or left a shop.
SHOP_MEMBER_ADDED = "shop.member_added"
SHOP_MEMBER_REMOVED = "shop.member_removed"

# Commission is a percentage of the line's net amount.
MIN_COMMISSION_RATE = Decimal("0")
MAX_COMMISSION_RATE = Decimal("100")
DEFAULT_COMMISSION_RATE = Decimal("10.00")

# Staff must say why they refuse or suspend a shop; the owner reads it.
MAX_REASON_LENGTH = 2000

# Applications and profiles.
MAX_DESCRIPTION_LENGTH = 20_000
MAX_POLICY_LENGTH = 10_000
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 4096
LOGO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SOCIAL_NETWORKS = (
    "website",
    "facebook",
    "instagram",
    "x",
    "tiktok",
    "youtube",
    "linkedin",
    "pinterest",
)
MAX_URL_LENGTH = 200

# Team.
INVITATION_TTL = timedelta(days=7)

# Branches.
MAX_BRANCHES_PER_SHOP = 100
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
MAX_INTERVALS_PER_DAY = 4
