"""Staff decisions on shops: approve, reject, suspend, reinstate.

Each is one `states.transition_shop` call (row lock, history row,
`shop.status_changed` event: the owner's email, page caches and the search
index follow from it). Refusing or suspending needs a reason: the owner
reads it.
"""

from emporium.accounts.models import User
from emporium.vendors.constants import MAX_REASON_LENGTH, ShopStatus
from emporium.vendors.errors import InvalidTransition, ReasonRequired, ShopNotFound
from emporium.vendors.models import Shop
from emporium.vendors.states import transition_shop


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(
            "Say why, for the shop's owner.", fields={"reason": ["Give a reason."]}
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise ReasonRequired(
            f"A reason has at most {MAX_REASON_LENGTH} characters.",
            fields={"reason": [f"At most {MAX_REASON_LENGTH} characters."]},
        )
    return reason


def approve_shop(*, shop_id: int, actor: User | None, reason: str = "") -> Shop:
    """Approve a pending shop, or reinstate a suspended one.

    Raises:
        ShopNotFound: no shop with this id.
        InvalidTransition: the shop is neither pending nor suspended (409).
    """
    return transition_shop(
        shop_id=shop_id, to=ShopStatus.APPROVED, actor=actor, reason=reason.strip()
    )


def reinstate_shop(*, shop_id: int, actor: User | None, reason: str = "") -> Shop:
    """Approve a suspended shop again (and only a suspended one).

    Raises:
        ShopNotFound: no shop with this id.
        InvalidTransition: the shop is not suspended (409).
    """
    status = Shop.objects.filter(pk=shop_id).values_list("status", flat=True).first()
    if status is None:
        raise ShopNotFound("Shop not found.")
    if status != ShopStatus.SUSPENDED:
        raise InvalidTransition(
            f"Only a suspended shop can be reinstated (this one is {status}).",
            extra={"shop_id": shop_id, "from": status, "to": ShopStatus.APPROVED},
        )
    return approve_shop(shop_id=shop_id, actor=actor, reason=reason)


def reject_shop(*, shop_id: int, actor: User | None, reason: str) -> Shop:
    """Refuse a pending application; the owner may fix it and resubmit.

    Raises:
        ReasonRequired: no reason, or a too long one (400).
        ShopNotFound, InvalidTransition: as `transition_shop`.
    """
    return transition_shop(
        shop_id=shop_id,
        to=ShopStatus.REJECTED,
        actor=actor,
        reason=_required_reason(reason),
    )


def suspend_shop(*, shop_id: int, actor: User | None, reason: str) -> Shop:
    """Take an approved shop off the marketplace at once; its orders stay.

    Raises:
        ReasonRequired: no reason, or a too long one (400).
        ShopNotFound, InvalidTransition: as `transition_shop`.
    """
    return transition_shop(
        shop_id=shop_id,
        to=ShopStatus.SUSPENDED,
        actor=actor,
        reason=_required_reason(reason),
    )
