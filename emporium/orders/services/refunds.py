"""Refunds as the order sees them: how much went back, and its status.

Payments moves the money (provider refunds) and then calls
`record_order_refund`; the order keeps the running total and becomes
partially refunded or, once the whole total went back, refunded.
"""

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.core.money import Money, format_money
from emporium.orders.constants import (
    ORDER_REFUND_RECORDED,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import RefundNotAllowed
from emporium.orders.models import Order
from emporium.orders.states import lock_order, transition_order
from emporium.orders.timeline import record_order_event


def record_order_refund(
    *, order_id: int, amount: Money, actor: User | None, reason: str = ""
) -> Order:
    """Record that `amount` of a paid order went back to the buyer.

    Locks the order; adds `amount` to what was refunded; moves the order to
    refunded when that reaches the total, else to partially refunded (a
    further partial refund only adds a timeline entry). Stock is not
    touched: goods come back through a return, not a refund.

    Raises:
        OrderNotFound.
        RefundNotAllowed: the order was never paid, `amount` is not above
            zero, is in another currency, or is more than is left (so
            nothing once the order is refunded in full).
    """
    with transaction.atomic():
        order = lock_order(order_id)
        refunded = _refunded_after(order, amount)
        order.refunded_amount = refunded.amount
        order.save(update_fields=["refunded_amount", "updated_at"])
        target = (
            OrderStatus.REFUNDED
            if refunded == order.total
            else OrderStatus.PARTIALLY_REFUNDED
        )
        data = {
            "amount": str(amount.quantize().amount),
            "refunded": str(refunded.amount),
            "currency": order.currency,
        }
        if target != order.status:
            return transition_order(
                order_id=order.pk, to=target, actor=actor, reason=reason, data=data
            )
        record_order_event(
            order_id=order.pk,
            type=OrderEventType.REFUND_RECORDED,
            actor=actor,
            message=reason or f"Refunded {format_money(amount)}.",
            data=data,
        )
        publish(
            ORDER_REFUND_RECORDED,
            {"order_id": order.pk, "number": order.number, **data},
        )
    return order


def _refunded_after(order: Order, amount: Money) -> Money:
    if order.paid_at is None:
        raise RefundNotAllowed(f"Order {order.number} was never paid.")
    if amount.currency != order.currency or amount.quantize() <= Money.zero(
        amount.currency
    ):
        raise RefundNotAllowed(
            f"A refund of order {order.number} is an amount above zero in "
            f"{order.currency}."
        )
    refunded = order.refunded + amount.quantize()
    if refunded > order.total:
        left = order.total - order.refunded
        raise RefundNotAllowed(
            f"Only {format_money(left)} of order {order.number} is left to refund.",
            extra={"left": str(left.amount), "currency": order.currency},
        )
    return refunded
