"""Reads of shops: what buyers see, which shops a vendor runs, a shop's
team, invitations, branches and history."""

import math
from decimal import Decimal

from django.core.cache import cache
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from emporium.accounts.models import User
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.errors import (
    BranchNotFound,
    NotShopMember,
    ShopNotFound,
    ShopRequired,
)
from emporium.vendors.models import (
    Shop,
    ShopBranch,
    ShopInvitation,
    ShopMember,
    ShopStatusEvent,
)
from emporium.vendors.tokens import hash_token

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
# "Does this user run a shop?" is asked by the header of every signed-in
# page: answered from the cache, dropped whenever a membership changes
# (`forget_runs_a_shop`); the timeout only bounds a missed drop.
RUNS_A_SHOP_TIMEOUT = 10 * 60


def runs_a_shop(*, user: User) -> bool:
    """Whether `user` runs any shop (owner or staff), whatever its status."""
    if not user.is_authenticated:
        return False
    key = _runs_a_shop_key(user.pk)
    answer = cache.get(key)
    if answer is None:
        answer = ShopMember.objects.filter(user=user).exists()
        cache.set(key, answer, RUNS_A_SHOP_TIMEOUT)
    return answer


def forget_runs_a_shop(user_id) -> None:
    """Drop the cached `runs_a_shop` answer; services call it after a
    membership of the user was added or removed."""
    cache.delete(_runs_a_shop_key(user_id))


def _runs_a_shop_key(user_id) -> str:
    return f"vendors:runs-a-shop:{user_id}"


def list_visible_shops() -> QuerySet[Shop]:
    """Shops buyers may see: approved ones only."""
    return Shop.objects.filter(status=ShopStatus.APPROVED).order_by("name")


def get_visible_shop(*, slug: str) -> Shop:
    """An approved shop by slug; any other raises ShopNotFound."""
    shop = list_visible_shops().filter(slug=slug).first()
    if shop is None:
        raise ShopNotFound("Shop not found.")
    return shop


def list_shop_status_events(*, shop: Shop) -> QuerySet[ShopStatusEvent]:
    return shop.status_events.select_related("actor").order_by("created_at", "pk")


def list_member_shops(*, user: User) -> QuerySet[Shop]:
    """The shops `user` runs (as owner or staff), whatever their status."""
    if not user.is_authenticated:
        return Shop.objects.none()
    return Shop.objects.filter(members__user=user).order_by("name", "pk")


def find_membership(*, user: User, shop: Shop) -> ShopMember | None:
    if not user.is_authenticated:
        return None
    return ShopMember.objects.filter(user=user, shop=shop).first()


def get_member_shop(*, user: User, slug: str = "") -> Shop:
    """The shop a vendor page or endpoint works on, for `user`.

    This is the one rule that scopes the vendor dashboard and the vendor API:
    `slug` names one of the user's shops; without it, the user's only shop.
    A shop the user does not run is "not found", never "forbidden", so its
    existence is not revealed.

    Raises:
        NotShopMember: the user runs no shop at all (403 `not_a_vendor`).
        ShopNotFound: `slug` is not one of the user's shops.
        ShopRequired: no `slug`, and the user runs several shops.
    """
    shops = list_member_shops(user=user)
    if slug:
        shop = shops.filter(slug=slug).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        return shop
    found = list(shops[:2])
    if not found:
        raise NotShopMember("You do not run a shop. Apply to open one first.")
    if len(found) > 1:
        raise ShopRequired(
            "You run several shops; say which one.",
            fields={"shop": ["Name one of your shops by its slug."]},
        )
    return found[0]


# --- Applications and staff review ------------------------------------------------


def _with_last_reason(shops: QuerySet[Shop]) -> QuerySet[Shop]:
    """Annotate `status_reason`: why the shop is in its status (the reason
    of its latest status change, e.g. staff's reason for a rejection)."""
    latest = ShopStatusEvent.objects.filter(shop=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return shops.annotate(
        status_reason=Subquery(latest.values("reason")[:1]),
        status_changed_at=Subquery(latest.values("created_at")[:1]),
    )


def list_shop_applications(*, user: User) -> QuerySet[Shop]:
    """The shops `user` owns, whatever their status, newest first, each with
    `status_reason` and `status_changed_at`."""
    if not user.is_authenticated:
        return Shop.objects.none()
    shops = Shop.objects.filter(
        members__user=user, members__role=ShopMemberRole.OWNER
    ).order_by("-created_at", "-pk")
    return _with_last_reason(shops)


def get_shop_application(*, user: User, slug: str) -> Shop:
    """One of the shops `user` owns; another is `ShopNotFound`."""
    shop = list_shop_applications(user=user).filter(slug=slug).first()
    if shop is None:
        raise ShopNotFound("Shop not found.")
    return shop


def list_staff_shops(*, status: str = "") -> QuerySet[Shop]:
    """Every shop for staff review (pending first in the oldest-first
    order staff work through), narrowed to `status` when given."""
    shops = _with_last_reason(Shop.objects.select_related("owner"))
    if status:
        shops = shops.filter(status=status)
    return shops.order_by("created_at", "pk")


def get_staff_shop(*, slug: str) -> Shop:
    """A shop in any status with its owner, members and status history."""
    shop = (
        _with_last_reason(Shop.objects.select_related("owner"))
        .prefetch_related(
            Prefetch(
                "status_events",
                queryset=ShopStatusEvent.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
            Prefetch("members", queryset=ShopMember.objects.select_related("user")),
        )
        .filter(slug=slug)
        .first()
    )
    if shop is None:
        raise ShopNotFound("Shop not found.")
    return shop


def find_shop(*, shop_id: int) -> Shop | None:
    return Shop.objects.select_related("owner").filter(pk=shop_id).first()


# --- Team -----------------------------------------------------------------------


def list_shop_members(*, shop: Shop) -> QuerySet[ShopMember]:
    """The shop's people, owners first, then by when they joined."""
    return (
        ShopMember.objects.filter(shop=shop)
        .select_related("user")
        .order_by("role", "created_at", "pk")
    )


def list_open_invitations(*, shop: Shop) -> QuerySet[ShopInvitation]:
    """Invitations of the shop still waiting for an answer (not expired)."""
    return (
        ShopInvitation.objects.filter(
            shop=shop,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def find_invitation(*, invitation_id: int) -> ShopInvitation | None:
    return (
        ShopInvitation.objects.select_related("shop", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )


def find_invitation_by_token(*, token: str) -> ShopInvitation | None:
    """The invitation a link's token opens (open or not), or None."""
    return (
        ShopInvitation.objects.select_related("shop")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )


# --- Branches -------------------------------------------------------------------


def list_shop_branches(*, shop: Shop) -> QuerySet[ShopBranch]:
    return ShopBranch.objects.filter(shop=shop).order_by("name", "pk")


def get_shop_branch(*, shop: Shop, branch_id: int) -> ShopBranch:
    """One of the shop's branches; another shop's is `BranchNotFound`."""
    branch = list_shop_branches(shop=shop).filter(pk=branch_id).first()
    if branch is None:
        raise BranchNotFound("Branch not found.")
    return branch


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance between two (latitude, longitude) points over the
    Earth's surface, in kilometres (haversine, a sphere)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def list_visible_shop_branches(
    *, slug: str, near: tuple[float, float] | None = None
) -> list[ShopBranch]:
    """An approved shop's branches; by name, or nearest first from `near`
    (each then carrying `distance_km`, rounded to 0.1 km).

    A shop has at most `MAX_BRANCHES_PER_SHOP` branches, so the sort runs
    here in Python, one query whatever the database.

    Raises:
        ShopNotFound: no approved shop has this slug.
    """
    shop = get_visible_shop(slug=slug)
    branches = list(list_shop_branches(shop=shop))
    if near is None:
        return branches
    for branch in branches:
        distance = great_circle_km(
            near, (float(branch.latitude), float(branch.longitude))
        )
        branch.distance_km = Decimal(str(round(distance, 1)))
    return sorted(
        branches, key=lambda branch: (branch.distance_km, branch.name, branch.pk)
    )
