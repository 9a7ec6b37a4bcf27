"""Reads of orders: a buyer's list, one order with everything its page
shows, the guest's signed access, and a shop's fulfilments.

A buyer only ever sees their own orders: another buyer's number answers
`OrderNotFound` (404), exactly like a number that does not exist. A shop
only ever sees its own fulfilments, with its own lines: another shop's
answers `FulfilmentNotFound` (404).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from emporium.accounts.models import User
from emporium.core.money import Money
from emporium.orders.access import read_order_access_token
from emporium.orders.constants import FULFILLABLE, FulfilmentStatus, OrderStatus
from emporium.orders.errors import FulfilmentNotFound, OrderNotFound
from emporium.orders.models import Fulfilment, Order, OrderLine
from emporium.orders.numbers import normalize_order_number
from emporium.vendors.models import Shop


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


# --- A shop's fulfilments (the vendor dashboard and API) ---------------------


@dataclass(frozen=True, slots=True)
class ShopFulfilment:
    """A shop's part of an order, as the shop sees it: the fulfilment (with
    its order), and the shop's lines only. Nothing of other shops."""

    fulfilment: Fulfilment
    lines: tuple[OrderLine, ...]

    @property
    def order(self) -> Order:
        return self.fulfilment.order

    @property
    def goods(self) -> Money:
        """The shop's lines as the buyer paid them (gross, after discount)."""
        zero = Money.zero(self.order.currency)
        return sum((line.gross for line in self.lines), zero)

    @property
    def shipping(self) -> Money:
        return Money(self.fulfilment.shipping_amount, self.order.currency)

    @property
    def total(self) -> Money:
        return self.goods + self.shipping

    @property
    def refunded(self) -> Money:
        return Money(self.fulfilment.refunded_amount, self.order.currency)

    @property
    def is_ready_to_ship(self) -> bool:
        """Not shipped yet, and the order is paid (only a paid order ships)."""
        return (
            self.fulfilment.status == FulfilmentStatus.PENDING
            and self.order.status in FULFILLABLE
        )

    @property
    def is_awaiting_payment(self) -> bool:
        return self.order.is_awaiting_payment

    @property
    def can_be_marked_delivered(self) -> bool:
        return self.fulfilment.status == FulfilmentStatus.SHIPPED


def _shop_line_sum(field: str, output_field) -> Coalesce:
    total = (
        OrderLine.objects.filter(order=OuterRef("order_id"), shop=OuterRef("shop_id"))
        .order_by()
        .values("order")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(
        Subquery(total, output_field=output_field), 0, output_field=output_field
    )


def list_fulfilments_for_shop(
    *,
    shop: Shop,
    status: str = "",
    placed_from: date | None = None,
    placed_to: date | None = None,
) -> QuerySet[Fulfilment]:
    """The shop's fulfilments, newest order first (one query).

    Each comes with its `order` and, over the shop's lines only,
    `item_count` (units) and `goods_amount` (gross). `status` filters by
    the fulfilment's status; `placed_from` / `placed_to` by the day the
    order was placed (both inclusive, in the current time zone).
    """
    fulfilments = (
        Fulfilment.objects.filter(shop=shop)
        .select_related("order")
        .annotate(
            item_count=_shop_line_sum("quantity", IntegerField()),
            goods_amount=_shop_line_sum(
                "gross_amount", DecimalField(max_digits=14, decimal_places=3)
            ),
        )
        .order_by("-order__placed_at", "-pk")
    )
    if status:
        fulfilments = fulfilments.filter(status=status)
    if placed_from is not None:
        fulfilments = fulfilments.filter(order__placed_at__date__gte=placed_from)
    if placed_to is not None:
        fulfilments = fulfilments.filter(order__placed_at__date__lte=placed_to)
    return fulfilments


def get_fulfilment_for_shop(*, shop: Shop, fulfilment_id: int) -> ShopFulfilment:
    """The shop's fulfilment `fulfilment_id` with its order and the shop's
    lines (two queries).

    Raises:
        FulfilmentNotFound: no such fulfilment, or another shop's (the same
            answer).
    """
    fulfilment = (
        Fulfilment.objects.filter(shop=shop, pk=fulfilment_id)
        .select_related("order")
        .first()
    )
    if fulfilment is None:
        raise FulfilmentNotFound("Shipment not found.")
    lines = OrderLine.objects.filter(order_id=fulfilment.order_id, shop=shop)
    return ShopFulfilment(fulfilment=fulfilment, lines=tuple(lines.order_by("pk")))


# --- Purchases (reviews: "verified purchase") --------------------------------

# An order counts as a purchase once paid, and stays one as it ships, is
# delivered or is partly refunded; never while unpaid, cancelled or refunded.
PURCHASED_STATUSES = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.PARTIALLY_FULFILLED,
        OrderStatus.FULFILLED,
        OrderStatus.DELIVERED,
        OrderStatus.PARTIALLY_REFUNDED,
    }
)


@dataclass(frozen=True, slots=True)
class Purchases:
    """Which of the products and shops asked about a buyer has bought."""

    product_ids: frozenset[int]
    shop_ids: frozenset[int]


def list_purchases(
    *, user: User, product_ids: Iterable[int] = (), shop_ids: Iterable[int] = ()
) -> Purchases:
    """Of `product_ids` and `shop_ids`, those with a line in one of the
    user's orders in `PURCHASED_STATUSES` (one query for each kind asked)."""
    product_ids, shop_ids = set(product_ids), set(shop_ids)
    if not user.is_authenticated:
        return Purchases(frozenset(), frozenset())
    lines = OrderLine.objects.filter(
        order__customer=user, order__status__in=PURCHASED_STATUSES
    ).order_by()
    bought_products = bought_shops = frozenset()
    if product_ids:
        bought_products = frozenset(
            lines.filter(offer__variant__product_id__in=product_ids)
            .values_list("offer__variant__product_id", flat=True)
            .distinct()
        )
    if shop_ids:
        bought_shops = frozenset(
            lines.filter(shop_id__in=shop_ids)
            .values_list("shop_id", flat=True)
            .distinct()
        )
    return Purchases(bought_products, bought_shops)
