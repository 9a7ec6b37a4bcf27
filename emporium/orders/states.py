"""The order and fulfilment state machines: allowed moves and the one
function for each. Nothing else assigns a `status` (a test greps for it).

| order status | may move to |
| --- | --- |
| pending | awaiting_payment, paid, cancelled |
| awaiting_payment | paid, cancelled |
| paid | partially_fulfilled, fulfilled, cancelled, partially_refunded, refunded |
| partially_fulfilled | fulfilled, partially_refunded, refunded |
| fulfilled | delivered, partially_refunded, refunded |
| delivered | partially_refunded, refunded |
| partially_refunded | refunded |
| cancelled | partially_refunded, refunded (once paid: staff cancelled it) |
| refunded | nothing |

While an order is paid, partially fulfilled or fulfilled, its status
follows its fulfilments (`derived_order_status`). Locks: the order row
first, then a fulfilment row, everywhere.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.orders.constants import (
    FOLLOWS_FULFILMENTS,
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
    order_status_event,
)
from emporium.orders.errors import FulfilmentNotFound, InvalidTransition, OrderNotFound
from emporium.orders.models import Fulfilment, Order
from emporium.orders.timeline import record_order_event

S = OrderStatus
ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PENDING: frozenset({S.AWAITING_PAYMENT, S.PAID, S.CANCELLED}),
    S.AWAITING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset(
        {
            S.PARTIALLY_FULFILLED,
            S.FULFILLED,
            S.CANCELLED,
            S.PARTIALLY_REFUNDED,
            S.REFUNDED,
        }
    ),
    S.PARTIALLY_FULFILLED: frozenset({S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.DELIVERED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.REFUNDED: frozenset(),
}

F = FulfilmentStatus
FULFILMENT_ALLOWED: dict[FulfilmentStatus, frozenset[FulfilmentStatus]] = {
    F.PENDING: frozenset({F.SHIPPED, F.CANCELLED}),
    F.SHIPPED: frozenset({F.DELIVERED}),
    F.DELIVERED: frozenset(),
    F.CANCELLED: frozenset(),
}

# When an order enters a status, the moment is kept in this field too.
_STAMPED = {S.PAID: "paid_at", S.CANCELLED: "cancelled_at"}
_FULFILMENT_STAMPED = {F.SHIPPED: "shipped_at", F.DELIVERED: "delivered_at"}


@dataclass(frozen=True, slots=True)
class Tracking:
    """How a shipment can be followed; recorded when a fulfilment ships."""

    carrier: str = ""
    number: str = ""
    url: str = ""


def can_transition(from_status: str, to: str) -> bool:
    return OrderStatus(to) in ALLOWED[OrderStatus(from_status)]


def lock_order(order_id: int) -> Order:
    """The order, locked (`SELECT ... FOR UPDATE`) until the transaction ends.

    Raises:
        OrderNotFound: no order with this id.
    """
    order = Order.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise OrderNotFound("Order not found.")
    return order


def transition_order(
    *,
    order_id: int,
    to: OrderStatus | str,
    actor: User | None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> Order:
    """Move an order to `to`; lock it, check the move, record who and why.

    Runs in its own transaction (or the caller's) holding the order's row
    lock. Writes an `OrderEvent` (actor, from, to, `reason`, `data`) and
    publishes `order.<to>` (e.g. `order.paid`, `order.cancelled`),
    delivered after commit: emails, webhooks.

    Raises:
        OrderNotFound: no order with this id.
        InvalidTransition: `to` is not an allowed move from the current
            status; the message names both.
    """
    target = OrderStatus(to)
    with transaction.atomic():
        order = lock_order(order_id)
        previous = OrderStatus(order.status)
        if target not in ALLOWED[previous]:
            raise InvalidTransition(
                f"Order {order.number} cannot move from {previous.value} "
                f"to {target.value}.",
                extra={
                    "order": order.number,
                    "from": previous.value,
                    "to": target.value,
                },
            )
        order.status = target
        fields = ["status", "updated_at"]
        if target in _STAMPED:
            setattr(order, _STAMPED[target], timezone.now())
            fields.append(_STAMPED[target])
        order.save(update_fields=fields)
        record_order_event(
            order_id=order.pk,
            type=OrderEventType.STATUS_CHANGED,
            actor=actor,
            message=reason,
            from_status=previous,
            to_status=target,
            data=data,
        )
        publish(
            order_status_event(target),
            {
                "order_id": order.pk,
                "number": order.number,
                "from": previous.value,
                "to": target.value,
                "actor_id": str(actor.pk) if actor else None,
                "reason": reason,
            },
        )
    return order


def transition_fulfilment(
    *,
    fulfilment_id: int,
    to: FulfilmentStatus | str,
    actor: User | None,
    reason: str = "",
    tracking: Tracking | None = None,
) -> Fulfilment:
    """Move a fulfilment to `to`, then the order's status with it.

    Locks the order, then the fulfilment. Shipping records `tracking`.
    Writes an `OrderEvent`, publishes `fulfilment.<to>` and, while the
    order follows its fulfilments (paid, partially fulfilled, fulfilled),
    moves the order to the status they give (`derived_order_status`).

    Raises:
        FulfilmentNotFound: no fulfilment with this id.
        InvalidTransition: `to` is not an allowed move from its status.
    """
    target = FulfilmentStatus(to)
    with transaction.atomic():
        order_id = (
            Fulfilment.objects.filter(pk=fulfilment_id)
            .values_list("order_id", flat=True)
            .first()
        )
        if order_id is None:
            raise FulfilmentNotFound("Shipment not found.")
        order = lock_order(order_id)
        fulfilment = Fulfilment.objects.select_for_update().get(pk=fulfilment_id)
        previous = FulfilmentStatus(fulfilment.status)
        if target not in FULFILMENT_ALLOWED[previous]:
            raise InvalidTransition(
                f"The shipment of order {order.number} cannot move from "
                f"{previous.value} to {target.value}.",
                extra={
                    "order": order.number,
                    "from": previous.value,
                    "to": target.value,
                },
            )
        fields = _apply_fulfilment_move(fulfilment, target, tracking)
        fulfilment.save(update_fields=fields)
        _record_fulfilment_move(order, fulfilment, previous, actor, reason)
        sync_order_with_fulfilments(order_id=order.pk, actor=actor)
    return fulfilment


def _apply_fulfilment_move(
    fulfilment: Fulfilment, target: FulfilmentStatus, tracking: Tracking | None
) -> list[str]:
    fulfilment.status = target
    fields = ["status", "updated_at"]
    if target in _FULFILMENT_STAMPED:
        setattr(fulfilment, _FULFILMENT_STAMPED[target], timezone.now())
        fields.append(_FULFILMENT_STAMPED[target])
    if tracking is not None:
        fulfilment.carrier = tracking.carrier
        fulfilment.tracking_number = tracking.number
        fulfilment.tracking_url = tracking.url
        fields += ["carrier", "tracking_number", "tracking_url"]
    return fields


def _record_fulfilment_move(
    order: Order,
    fulfilment: Fulfilment,
    previous: FulfilmentStatus,
    actor: User | None,
    reason: str,
) -> None:
    details = {
        "fulfilment_id": fulfilment.pk,
        "shop_id": fulfilment.shop_id,
        "carrier": fulfilment.carrier,
        "tracking_number": fulfilment.tracking_number,
        "tracking_url": fulfilment.tracking_url,
    }
    record_order_event(
        order_id=order.pk,
        type=OrderEventType.FULFILMENT_CHANGED,
        actor=actor,
        message=reason,
        from_status=previous,
        to_status=fulfilment.status,
        data=details,
    )
    publish(
        f"fulfilment.{fulfilment.status}",
        {"order_id": order.pk, "number": order.number, **details},
    )


def derived_order_status(statuses: Iterable[str]) -> OrderStatus | None:
    """The order status its fulfilments' statuses give, or None (no say).

    Cancelled fulfilments do not count. All delivered: delivered; all
    shipped or delivered: fulfilled; some: partially fulfilled.
    """
    live = [FulfilmentStatus(s) for s in statuses if s != FulfilmentStatus.CANCELLED]
    out = [s for s in live if s in (F.SHIPPED, F.DELIVERED)]
    if not out:
        return None
    if all(s == F.DELIVERED for s in live):
        return S.DELIVERED
    if len(out) == len(live):
        return S.FULFILLED
    return S.PARTIALLY_FULFILLED


def sync_order_with_fulfilments(*, order_id: int, actor: User | None) -> Order:
    """Move the order to the status its fulfilments give, if it follows them."""
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status not in FOLLOWS_FULFILMENTS:
            return order
        statuses = Fulfilment.objects.filter(order_id=order_id).values_list(
            "status", flat=True
        )
        target = derived_order_status(statuses)
        if target is None or target == order.status:
            return order
        return transition_order(order_id=order_id, to=target, actor=actor)
