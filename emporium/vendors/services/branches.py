"""A shop's branches: physical places with an address, opening hours and a
position (latitude/longitude) that buyers can sort by distance.
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from django.db import transaction
from django_countries import countries

from emporium.core.events import publish
from emporium.vendors.constants import (
    MAX_BRANCHES_PER_SHOP,
    MAX_INTERVALS_PER_DAY,
    SHOP_BRANCHES_CHANGED,
    WEEKDAYS,
)
from emporium.vendors.errors import (
    BranchLimitReached,
    BranchNotFound,
    InvalidBranch,
    ShopNotFound,
)
from emporium.vendors.models import Shop, ShopBranch

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$|^24:00$")
_LIMITS = {"name": 120, "line1": 255, "line2": 255, "city": 120, "postal_code": 20}


@dataclass(frozen=True, kw_only=True)
class BranchData:
    name: str
    line1: str
    city: str
    country: str
    latitude: Decimal
    longitude: Decimal
    line2: str = ""
    postal_code: str = ""
    phone: str = ""
    opening_hours: dict[str, Any] | None = None


def _invalid(field: str, message: str) -> InvalidBranch:
    return InvalidBranch(message, fields={field: [message]})


def _minutes(value: Any, day: str) -> int:
    if not isinstance(value, str) or not _TIME.match(value):
        raise _invalid(
            "opening_hours", f"{day}: times are HH:MM, 00:00 to 24:00 ({value!r})."
        )
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def clean_opening_hours(hours: dict[str, Any] | None) -> dict[str, list[list[str]]]:
    """Opening hours as `{weekday: [["HH:MM", "HH:MM"], ...]}`, checked.

    Keys are `WEEKDAYS` (`mon` ... `sun`); a missing or empty day is closed.
    Each interval opens before it closes (24:00 closes at midnight; a night
    past midnight is two intervals on two days); a day's intervals are
    sorted, do not overlap and number at most `MAX_INTERVALS_PER_DAY`.

    Raises:
        InvalidBranch: anything else (field `opening_hours`).
    """
    if hours is None:
        return {}
    if not isinstance(hours, dict):
        raise _invalid("opening_hours", "Opening hours map weekdays to intervals.")
    unknown = sorted(set(hours) - set(WEEKDAYS))
    if unknown:
        raise _invalid(
            "opening_hours",
            f"Unknown day {unknown[0]!r}; use {', '.join(WEEKDAYS)}.",
        )
    cleaned = {}
    for day in WEEKDAYS:
        intervals = _clean_day(day, hours.get(day) or [])
        if intervals:
            cleaned[day] = intervals
    return cleaned


def _clean_day(day: str, intervals: Any) -> list[list[str]]:
    if not isinstance(intervals, list) or len(intervals) > MAX_INTERVALS_PER_DAY:
        raise _invalid(
            "opening_hours",
            f"{day}: a list of at most {MAX_INTERVALS_PER_DAY} "
            '["HH:MM", "HH:MM"] intervals.',
        )
    spans = []
    for interval in intervals:
        if not isinstance(interval, list | tuple) or len(interval) != 2:
            raise _invalid(
                "opening_hours", f'{day}: each interval is ["HH:MM", "HH:MM"].'
            )
        opens, closes = (_minutes(value, day) for value in interval)
        if opens >= closes:
            raise _invalid(
                "opening_hours", f"{day}: {interval[0]} is not before {interval[1]}."
            )
        spans.append((opens, closes, [interval[0], interval[1]]))
    spans.sort()
    for before, after in pairwise(spans):
        if after[0] < before[1]:
            raise _invalid("opening_hours", f"{day}: intervals overlap.")
    return [span[2] for span in spans]


def _coordinate(value: Any, field: str, limit: int) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise _invalid(field, f"The {field} is a number.") from exc
    if not number.is_finite() or not -limit <= number <= limit:
        raise _invalid(field, f"The {field} lies between -{limit} and {limit}.")
    return number.quantize(Decimal("0.000001"))


def _clean(data: BranchData) -> dict[str, Any]:
    values = asdict(data)
    for field, limit in _LIMITS.items():
        values[field] = (values[field] or "").strip()
        if len(values[field]) > limit:
            raise _invalid(field, f"At most {limit} characters.")
    for field in ("name", "line1", "city"):
        if not values[field]:
            raise _invalid(field, "This field is required.")
    country = (values["country"] or "").strip().upper()
    if country not in countries:
        raise _invalid("country", f"Unknown country code {data.country!r}.")
    values["country"] = country
    values["phone"] = (values["phone"] or "").strip()[:32]
    values["latitude"] = _coordinate(data.latitude, "latitude", 90)
    values["longitude"] = _coordinate(data.longitude, "longitude", 180)
    values["opening_hours"] = clean_opening_hours(data.opening_hours)
    return values


def _changed(shop_id: int, branch_id: int, action: str) -> None:
    publish(
        SHOP_BRANCHES_CHANGED,
        {"shop_id": shop_id, "branch_id": branch_id, "action": action},
    )


def create_branch(*, shop_id: int, data: BranchData) -> ShopBranch:
    """Add a branch to a shop (at most `MAX_BRANCHES_PER_SHOP`).

    Raises:
        ShopNotFound: no shop with this id.
        InvalidBranch: a field breaks a rule (400, names the field).
        BranchLimitReached: the shop has the most branches allowed (409).
    """
    values = _clean(data)
    with transaction.atomic():
        shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        if shop.branches.count() >= MAX_BRANCHES_PER_SHOP:
            raise BranchLimitReached(
                f"A shop has at most {MAX_BRANCHES_PER_SHOP} branches."
            )
        branch = ShopBranch.objects.create(shop=shop, **values)
        _changed(shop.pk, branch.pk, "created")
    return branch


def update_branch(
    *, shop_id: int, branch_id: int, changes: dict[str, Any]
) -> ShopBranch:
    """Change the given fields of one of the shop's branches.

    Raises:
        BranchNotFound: not a branch of this shop (404).
        InvalidBranch: as `create_branch`.
    """
    with transaction.atomic():
        branch = (
            ShopBranch.objects.select_for_update()
            .filter(pk=branch_id, shop_id=shop_id)
            .first()
        )
        if branch is None:
            raise BranchNotFound("Branch not found.")
        current = {
            field: getattr(branch, field) for field in BranchData.__annotations__
        }
        current["country"] = branch.country.code
        values = _clean(BranchData(**{**current, **changes}))
        for field, value in values.items():
            setattr(branch, field, value)
        branch.save()
        _changed(shop_id, branch.pk, "updated")
    return branch


def delete_branch(*, shop_id: int, branch_id: int) -> None:
    """Remove one of the shop's branches.

    Raises:
        BranchNotFound: not a branch of this shop (404).
    """
    with transaction.atomic():
        deleted, _ = ShopBranch.objects.filter(pk=branch_id, shop_id=shop_id).delete()
        if not deleted:
            raise BranchNotFound("Branch not found.")
        _changed(shop_id, branch_id, "deleted")
