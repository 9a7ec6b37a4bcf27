"""Refunds as the order sees them: how much went back, and its status.

Payments moves the money (provider refunds) and then calls
`record_order_refund`; the order keeps the running total and becomes
partially refunded or, once the whole total went back, refunded. Each
refund is also split over the shops' parts of the order (a refund names
no shop), so payouts can claw it back from the right shops.
"""

from django.db import transaction
from django.db.models import F

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.core.money import Money, allocate, format_money
from emporium.orders.constants import (
    ORDER_REFUND_RECORDED,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import RefundNotAllowed
from emporium.orders.models import Fulfilment, Order, OrderLine
from emporium.orders.states import lock_order, transition_order
from emporium.orders.timeline import record_order_event


def record_order_refund(
    *, order_id: int, amount: Money, actor: User | None, reason: str = ""
) -> Order:
    """Record that `amount` of a paid order went back to the buyer.

    Locks the order; adds `amount` to what was refunded; moves the order to
    refunded when that reaches the total, else to partially refunded (a
    further partial refund only adds a timeline entry). Splits `amount`
    over the fulfilments (`split_refund`) and adds each part to its
    `refunded_amount`. Publishes `order.refund_recorded` with the parts
    (and `order.<status>` when the status moves). Stock is not touched:
    goods come back through a return, not a refund.

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
        parts = _refund_fulfilments(order, amount.quantize())
        target = (
            OrderStatus.REFUNDED
            if refunded == order.total
            else OrderStatus.PARTIALLY_REFUNDED
        )
        data = {
            "amount": str(amount.quantize().amount),
            "refunded": str(refunded.quantize().amount),
            "currency": order.currency,
        }
        publish(
            ORDER_REFUND_RECORDED,
            {"order_id": order.pk, "number": order.number, **data, "parts": parts},
        )
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
    return order


def split_refund(amount: Money, remaining: list[Money]) -> list[Money]:
    """Split a refund over the shops' parts by what each still holds.

    `remaining` is each part's paid amount (lines gross + its shipping)
    less what earlier refunds took from it. The parts add up to `amount`
    (`allocate`) and none exceeds its remaining, so once the whole order
    is refunded every shop gave back exactly what it was paid. Anything
    beyond the sum of `remaining` (shipping of an order placed before
    shops' shipping was recorded) belongs to no shop and is left out.
    """
    zero = Money.zero(amount.currency)
    held = sum(remaining, zero)
    if held <= zero:
        return [zero for _ in remaining]
    return allocate(min(amount, held), [part.amount for part in remaining])


def _refund_fulfilments(order: Order, amount: Money) -> list[dict[str, object]]:
    """Add each shop's part of the refund to its fulfilment; the parts."""
    fulfilments = list(Fulfilment.objects.filter(order=order).order_by("pk"))
    goods: dict[int, Money] = {}
    for shop_id, gross in OrderLine.objects.filter(order=order).values_list(
        "shop_id", "gross_amount"
    ):
        goods[shop_id] = goods.get(shop_id, Money.zero(order.currency)) + Money(
            gross, order.currency
        )
    remaining = [
        goods.get(f.shop_id, Money.zero(order.currency))
        + Money(f.shipping_amount - f.refunded_amount, order.currency)
        for f in fulfilments
    ]
    parts = []
    for fulfilment, part in zip(
        fulfilments, split_refund(amount, remaining), strict=True
    ):
        if part.is_zero():
            continue
        Fulfilment.objects.filter(pk=fulfilment.pk).update(
            refunded_amount=F("refunded_amount") + part.amount
        )
        before = Money(fulfilment.refunded_amount, order.currency).quantize()
        parts.append(
            {
                "fulfilment_id": fulfilment.pk,
                "shop_id": fulfilment.shop_id,
                "amount": str(part.amount),
                "refunded": str((before + part).amount),
            }
        )
    return parts


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
