"""An order between placing and shipping: payment, cancellation, expiry.

Every function locks the order row first (then reservations, then stock
rows, then fulfilments), the one lock order of the purchase path.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.inventory.reservations import (
    commit_reservation,
    extend_reservation,
    release_reservation,
    reserve_stock,
    restock_reservation,
)
from emporium.orders.constants import (
    BUYER_CANCELLABLE,
    EXPIRED_REASON,
    STAFF_CANCELLABLE,
    UNPAID,
    FulfilmentStatus,
    OrderStatus,
)
from emporium.orders.errors import InvalidTransition
from emporium.orders.models import Fulfilment, Order
from emporium.orders.states import lock_order, transition_fulfilment, transition_order


def mark_order_awaiting_payment(
    *, order_id: int, actor: User | None, hold_minutes: int | None = None
) -> Order:
    """Record that payment started; optionally hold the stock longer.

    For payments, when the buyer starts paying. A second call (a retried
    payment) keeps the status and only extends the hold. `hold_minutes`
    moves the reservation's expiry to now + that many minutes (a bank
    transfer needs days, a card minutes).

    Raises:
        OrderNotFound, InvalidTransition: not pending any more.
    """
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status != OrderStatus.AWAITING_PAYMENT:
            order = transition_order(
                order_id=order_id, to=OrderStatus.AWAITING_PAYMENT, actor=actor
            )
        if hold_minutes:
            expires_at = timezone.now() + timedelta(minutes=hold_minutes)
            extend_reservation(reference=order.number, expires_at=expires_at)
            Order.objects.filter(pk=order.pk).update(reservation_expires_at=expires_at)
            order.reservation_expires_at = expires_at
    return order


def mark_order_paid(*, order_id: int, actor: User | None, reason: str = "") -> Order:
    """Record the payment: sell the reserved stock and move the order to paid.

    For payments, once the money is confirmed. The reservation is
    committed (on hand and reserved drop, a `sale` in the ledger). If it
    had expired before the money came, the stock is taken again if still
    there. Idempotent: an order paid before is returned unchanged.

    Raises:
        OrderNotFound.
        InvalidTransition: the order was cancelled (the payment must be
            refunded).
        OutOfStock: the reservation had expired and the stock is gone (the
            payment must be refunded); nothing changes.
    """
    with transaction.atomic():
        order = lock_order(order_id)
        if order.paid_at is not None:
            return order
        if order.status not in UNPAID:  # cancelled before the money came
            raise InvalidTransition(
                f"Order {order.number} cannot move from {order.status} to paid.",
                extra={"order": order.number, "from": order.status, "to": "paid"},
            )
        _sell_stock(order, actor)
        return transition_order(
            order_id=order_id, to=OrderStatus.PAID, actor=actor, reason=reason
        )


def _sell_stock(order: Order, actor: User | None) -> None:
    if commit_reservation(reference=order.number, actor=actor):
        return
    # The hold ran out (and was released) before the money came: take the
    # stock again if it is still there, in the same transaction.
    lines = list(order.lines.values_list("offer_id", "quantity"))
    reserve_stock(
        lines=lines, reference=order.number, expires_at=timezone.now(), actor=actor
    )
    commit_reservation(reference=order.number, actor=actor)


def cancel_order(
    *, order_id: int, actor: User | None, reason: str = "", by_staff: bool = False
) -> Order:
    """Cancel an order and return its stock.

    A buyer may cancel while the order is pending or awaiting payment; staff
    (`by_staff`) also once paid. Unpaid: the reservation is released
    (ledger `release`). Paid: the sold units go back on hand (ledger
    `return`) and the timeline notes the refund due; the money itself is
    refunded by payments. Pending fulfilments are cancelled. Publishes
    `order.cancelled` (the email goes after commit).

    Raises:
        OrderNotFound.
        InvalidTransition: not cancellable now, by this kind of actor.
    """
    with transaction.atomic():
        order = lock_order(order_id)
        allowed = STAFF_CANCELLABLE if by_staff else BUYER_CANCELLABLE
        if order.status not in allowed:
            hint = "" if by_staff else " Please contact us to cancel a paid order."
            raise InvalidTransition(
                f"Order {order.number} cannot move from {order.status} to "
                f"cancelled.{hint}",
                extra={"order": order.number, "from": order.status, "to": "cancelled"},
            )
        was_paid = order.status == OrderStatus.PAID
        data = {"refund_due": str(order.total.quantize().amount)} if was_paid else None
        order = transition_order(
            order_id=order_id,
            to=OrderStatus.CANCELLED,
            actor=actor,
            reason=reason,
            data=data,
        )
        if was_paid:
            restock_reservation(reference=order.number, actor=actor, note=reason)
        else:
            release_reservation(reference=order.number, reason="cancelled", actor=actor)
        pending = Fulfilment.objects.filter(
            order_id=order_id, status=FulfilmentStatus.PENDING
        ).values_list("pk", flat=True)
        for fulfilment_id in list(pending):
            transition_fulfilment(
                fulfilment_id=fulfilment_id, to=FulfilmentStatus.CANCELLED, actor=actor
            )
    return order


def expire_order(*, order_id: int, now: datetime | None = None) -> bool:
    """Cancel an unpaid order whose stock reservation ran out; True if so.

    Checks again under the order's lock (it may have been paid, or its hold
    extended, meanwhile). The stock goes back (released) and the timeline
    says why.
    """
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order_id)
        expires_at = order.reservation_expires_at
        if order.status not in UNPAID or expires_at is None or expires_at > now:
            return False
        cancel_order(order_id=order_id, actor=None, reason=EXPIRED_REASON)
    return True


def expire_unpaid_orders(*, now: datetime | None = None, limit: int = 200) -> int:
    """Cancel unpaid orders whose reservation expired; how many were.

    Each order in its own transaction (`expire_order`). Run every minute
    by Celery beat; safe to run concurrently and again.
    """
    now = now or timezone.now()
    order_ids = list(
        Order.objects.filter(status__in=UNPAID, reservation_expires_at__lte=now)
        .order_by("reservation_expires_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(expire_order(order_id=order_id, now=now) for order_id in order_ids)
