"""The shop approval state machine: allowed moves and the one function."""

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.vendors.constants import SHOP_STATUS_CHANGED, ShopStatus
from emporium.vendors.errors import InvalidTransition, ShopNotFound
from emporium.vendors.models import Shop, ShopStatusEvent

ALLOWED: dict[ShopStatus, frozenset[ShopStatus]] = {
    ShopStatus.PENDING: frozenset({ShopStatus.APPROVED, ShopStatus.REJECTED}),
    # A rejected applicant may apply again after fixing what staff asked for.
    ShopStatus.REJECTED: frozenset({ShopStatus.PENDING}),
    ShopStatus.APPROVED: frozenset({ShopStatus.SUSPENDED}),
    ShopStatus.SUSPENDED: frozenset({ShopStatus.APPROVED}),
}


def can_transition(from_status: str, to: str) -> bool:
    return ShopStatus(to) in ALLOWED.get(ShopStatus(from_status), frozenset())


def transition_shop(
    *, shop_id: int, to: ShopStatus | str, actor: User | None, reason: str = ""
) -> Shop:
    """Move a shop to status `to`; lock it, check the move, record who and why.

    Runs in its own transaction (or the caller's), holding a row lock on the
    shop. Writes a `ShopStatusEvent` and publishes `shop.status_changed`
    (delivered after commit: emails, search reindex).

    Raises:
        ShopNotFound: no shop with this id.
        InvalidTransition: `to` is not an allowed move from the current status.
    """
    target = ShopStatus(to)
    with transaction.atomic():
        shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        previous = ShopStatus(shop.status)
        if target not in ALLOWED.get(previous, frozenset()):
            raise InvalidTransition(
                f"Shop {shop.name!r} cannot move from {previous.value} "
                f"to {target.value}.",
                extra={"shop_id": shop.pk, "from": previous.value, "to": target.value},
            )
        shop.status = target
        shop.save(update_fields=["status", "updated_at"])
        ShopStatusEvent.objects.create(
            shop=shop,
            actor=actor,
            from_status=previous,
            to_status=target,
            reason=reason,
        )
        publish(
            SHOP_STATUS_CHANGED,
            {
                "shop_id": shop.pk,
                "from": previous.value,
                "to": target.value,
                "actor_id": str(actor.pk) if actor else None,
                "reason": reason,
            },
        )
    return shop
