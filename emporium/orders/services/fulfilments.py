"""Shipping an order: each shop's fulfilment is shipped, then delivered.

The order's status follows (`states.derived_order_status`): some shipped,
partially fulfilled; all shipped, fulfilled; all delivered, delivered.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from emporium.accounts.models import User
from emporium.core.errors import InvalidInput
from emporium.orders.constants import FULFILLABLE, FulfilmentStatus
from emporium.orders.errors import FulfilmentNotFound, InvalidTransition
from emporium.orders.models import Fulfilment
from emporium.orders.states import Tracking, lock_order, transition_fulfilment

_validate_url = URLValidator(schemes=["http", "https"])


def mark_fulfilment_shipped(
    *,
    fulfilment_id: int,
    actor: User | None,
    carrier: str = "",
    tracking_number: str = "",
    tracking_url: str = "",
) -> Fulfilment:
    """Record that a shop's part of a paid order left, with its tracking.

    Locks the order, then the fulfilment; publishes `fulfilment.shipped`
    (the buyer's email with the tracking link goes after commit).

    Raises:
        FulfilmentNotFound.
        InvalidInput: a tracking URL that is not http(s) (`invalid_tracking_url`).
        InvalidTransition: the order is not paid (or is cancelled), or the
            fulfilment is not pending.
    """
    tracking = Tracking(
        carrier=carrier.strip()[:60],
        number=tracking_number.strip()[:100],
        url=_check_tracking_url(tracking_url.strip()),
    )
    with transaction.atomic():
        order = lock_order(_order_id_of(fulfilment_id))
        if order.status not in FULFILLABLE:
            raise InvalidTransition(
                f"Order {order.number} is {order.status}; only a paid order ships.",
                extra={"order": order.number, "from": order.status, "to": "shipped"},
            )
        return transition_fulfilment(
            fulfilment_id=fulfilment_id,
            to=FulfilmentStatus.SHIPPED,
            actor=actor,
            tracking=tracking,
        )


def mark_fulfilment_delivered(*, fulfilment_id: int, actor: User | None) -> Fulfilment:
    """Record that a shipped fulfilment arrived; publishes `fulfilment.delivered`.

    Raises:
        FulfilmentNotFound.
        InvalidTransition: the fulfilment was not shipped.
    """
    return transition_fulfilment(
        fulfilment_id=fulfilment_id, to=FulfilmentStatus.DELIVERED, actor=actor
    )


def _order_id_of(fulfilment_id: int) -> int:
    order_id = (
        Fulfilment.objects.filter(pk=fulfilment_id)
        .values_list("order_id", flat=True)
        .first()
    )
    if order_id is None:
        raise FulfilmentNotFound("Shipment not found.")
    return order_id


def _check_tracking_url(url: str) -> str:
    if not url:
        return ""
    try:
        _validate_url(url)
    except ValidationError as exc:
        raise InvalidInput(
            "The tracking link must be an http or https address.",
            code="invalid_tracking_url",
            fields={"tracking_url": ["Enter an http or https address."]},
        ) from exc
    return url
