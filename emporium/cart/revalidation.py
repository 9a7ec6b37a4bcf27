"""The rules of a cart read, pure: is a line still sellable, at what price,
and how many of it? No query in this module.

`check_line` compares what the buyer last saw (quantity, `price_seen`,
whether it was available) with the offer now, and says what the line
becomes and what to tell the buyer. The read (`services.read_cart`) stores
the result, so each message is given once.
"""

from __future__ import annotations

from dataclasses import dataclass

from emporium.cart.constants import LineStatus, MessageCode
from emporium.cart.types import CartMessage
from emporium.core.money import Money, format_money


@dataclass(frozen=True, slots=True)
class Availability:
    """What a cart may hold of an offer now.

    `is_visible` is catalog's rule (`Offer.objects.visible()`): active
    offer, approved shop, active product; `available` is on hand less
    reserved over active warehouses; with `backorder_allowed` stock never
    limits the quantity.
    """

    is_visible: bool
    available: int
    backorder_allowed: bool

    @property
    def limit(self) -> int | None:
        """Most units a line may hold, or None when stock does not limit it."""
        return None if self.backorder_allowed else max(self.available, 0)

    @property
    def is_sellable(self) -> bool:
        return self.is_visible and (self.backorder_allowed or self.available > 0)


@dataclass(frozen=True, slots=True)
class LineCheck:
    """A line after a read: what to store and what to tell the buyer."""

    status: LineStatus
    quantity: int
    unit_price: Money
    price_seen: Money
    is_available: bool
    previous_unit_price: Money | None = None
    previous_quantity: int | None = None
    messages: tuple[CartMessage, ...] = ()


def check_line(
    *,
    line_id: int,
    name: str,
    quantity: int,
    price_seen: Money,
    was_available: bool,
    unit_price: Money,
    availability: Availability,
) -> LineCheck:
    """What a line becomes now (see module doc); `name` is for messages.

    An offer priced in another currency than the line was added in cannot
    be compared or added up: it counts as unavailable.
    """
    sellable = availability.is_sellable and unit_price.currency == price_seen.currency
    if not sellable:
        messages = ()
        if was_available:
            messages = (_unavailable_message(line_id, name, availability),)
        return LineCheck(
            status=LineStatus.UNAVAILABLE,
            quantity=quantity,
            unit_price=unit_price,
            price_seen=price_seen,
            is_available=False,
            messages=messages,
        )
    messages = []
    if not was_available:
        messages.append(
            CartMessage(
                MessageCode.AVAILABLE_AGAIN, f"{name} is available again.", line_id
            )
        )
    limit = availability.limit
    new_quantity = quantity if limit is None else min(quantity, limit)
    if new_quantity < quantity:
        messages.append(quantity_reduced_message(line_id, name, new_quantity))
    price_changed = unit_price != price_seen
    if price_changed:
        messages.append(
            CartMessage(
                MessageCode.PRICE_CHANGED,
                f"The price of {name} changed from {format_money(price_seen)} "
                f"to {format_money(unit_price)}.",
                line_id,
            )
        )
    if new_quantity < quantity:
        status = LineStatus.QUANTITY_REDUCED
    elif price_changed:
        status = LineStatus.PRICE_CHANGED
    else:
        status = LineStatus.OK
    return LineCheck(
        status=status,
        quantity=new_quantity,
        unit_price=unit_price,
        price_seen=unit_price,
        is_available=True,
        previous_unit_price=price_seen if price_changed else None,
        previous_quantity=quantity if new_quantity < quantity else None,
        messages=tuple(messages),
    )


def quantity_reduced_message(line_id: int, name: str, left: int) -> CartMessage:
    return CartMessage(
        MessageCode.QUANTITY_REDUCED,
        f"Only {left} of {name} left; quantity reduced.",
        line_id,
    )


def _unavailable_message(
    line_id: int, name: str, availability: Availability
) -> CartMessage:
    if availability.is_visible and availability.available <= 0:
        text = f"{name} is sold out."
    else:
        text = f"{name} is no longer available."
    return CartMessage(MessageCode.UNAVAILABLE, text, line_id)
