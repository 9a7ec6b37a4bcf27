"""Reads of orders: a buyer's list, one order with everything its page
shows, and the guest's signed access.

A buyer only ever sees their own orders: another buyer's number answers
`OrderNotFound` (404), exactly like a number that does not exist.
"""

from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from emporium.accounts.models import User
from emporium.orders.access import read_order_access_token
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Fulfilment, Order, OrderLine
from emporium.orders.numbers import normalize_order_number


@dataclass(frozen=True, slots=True)
class Shipment:
    """One shop's part of an order: its fulfilment and the lines it ships."""

    fulfilment: Fulfilment
    lines: tuple[OrderLine, ...]


def list_orders_for_customer(*, user: User) -> QuerySet[Order]:
    """The buyer's orders, newest first, each with `item_count` (one query)."""
    items = (
        OrderLine.objects.filter(order=OuterRef("pk"))
        .order_by()
        .values("order")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return (
        Order.objects.filter(customer=user)
        .annotate(item_count=Coalesce(Subquery(items, output_field=IntegerField()), 0))
        .order_by("-placed_at", "-pk")
    )


def _with_details(orders: QuerySet[Order]) -> QuerySet[Order]:
    """Lines, fulfilments (with shop) and the timeline: four queries in all."""
    return orders.prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
        Prefetch("fulfilments", queryset=Fulfilment.objects.select_related("shop")),
        "events",
    )


def get_order_for_customer(*, number: str, user: User) -> Order:
    """The buyer's order `number` with its details.

    Raises:
        OrderNotFound: no such order, or another buyer's (the same answer).
    """
    if not user.is_authenticated:
        raise OrderNotFound("Order not found.")
    order = (
        _with_details(Order.objects.filter(customer=user))
        .filter(number=normalize_order_number(number))
        .first()
    )
    if order is None:
        raise OrderNotFound("Order not found.")
    return order


def get_order_by_signed_token(*, number: str, token: str) -> Order:
    """The order a guest's signed link opens, with its details.

    Raises:
        OrderNotFound: the token is tampered, expired, or for another order.
    """
    signed_number, email = read_order_access_token(token)
    if signed_number != normalize_order_number(number):
        raise OrderNotFound("Order not found.")
    order = _with_details(
        Order.objects.filter(number=signed_number, email=email)
    ).first()
    if order is None:
        raise OrderNotFound("Order not found.")
    return order


def get_order(*, order_id: int) -> Order:
    """An order by id with its details (staff, emails).

    Raises:
        OrderNotFound.
    """
    order = _with_details(Order.objects.filter(pk=order_id)).first()
    if order is None:
        raise OrderNotFound("Order not found.")
    return order


def find_order_by_idempotency_key(key: str) -> Order | None:
    """The order a checkout attempt with this key placed, if any."""
    return Order.objects.filter(idempotency_key=(key or "").strip()).first()


def find_order_id_by_number(number: str) -> int | None:
    return (
        Order.objects.filter(number=normalize_order_number(number))
        .values_list("pk", flat=True)
        .first()
    )


def list_shipments(order: Order) -> list[Shipment]:
    """The order's fulfilments, each with its shop's lines (no query when
    the order came from a selector here)."""
    lines = list(order.lines.all())
    return [
        Shipment(
            fulfilment=fulfilment,
            lines=tuple(line for line in lines if line.shop_id == fulfilment.shop_id),
        )
        for fulfilment in order.fulfilments.all()
    ]
