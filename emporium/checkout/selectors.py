"""Reads of checkout: the payment methods a buyer may choose, an order a
visitor may pay or look at, and a buyer's saved addresses."""

import contextlib
from dataclasses import dataclass

from django.db.models import QuerySet

from emporium.accounts.models import Address, User
from emporium.accounts.selectors import list_addresses
from emporium.orders.constants import UNPAID
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order
from emporium.orders.selectors import (
    find_order_id_by_number,
    get_order,
    get_order_by_signed_token,
    get_order_for_customer,
)
from emporium.payments.constants import PROVIDER_TEST, PaymentMethod
from emporium.payments.providers import available_methods, provider_for_method


@dataclass(frozen=True, slots=True)
class PaymentChoice:
    """A payment method on offer: `takes_card` when the buyer types the
    card here (the test provider); `provider` is the provider's code."""

    method: str
    label: str
    takes_card: bool
    provider: str

    @property
    def is_test(self) -> bool:
        return self.provider == PROVIDER_TEST


def list_payment_choices() -> list[PaymentChoice]:
    """The methods a buyer may choose now, in `PaymentMethod` order."""
    choices = []
    for method in available_methods():
        provider = provider_for_method(method)
        choices.append(
            PaymentChoice(
                method=method,
                label=PaymentMethod(method).label,
                takes_card=provider.requires_card,
                provider=provider.code,
            )
        )
    return choices


def list_checkout_addresses(*, user: User | None) -> QuerySet[Address] | list:
    """The buyer's saved addresses, the default shipping one first."""
    return list_addresses(user=user) if user is not None else []


def awaits_payment(order: Order) -> bool:
    """Whether the order still takes a payment (placed, not paid or
    cancelled)."""
    return order.status in UNPAID and order.paid_at is None


def get_order_for_visitor(
    *,
    number: str,
    user: User | None,
    token: str = "",
    placed_here: bool = False,
) -> Order:
    """An order the visitor may see, with its details: their own (signed
    in), one a signed link opens (`token`), or one placed in this browser
    session (`placed_here`, checked by the edge).

    Raises:
        OrderNotFound: none of these (the same answer as no such order).
    """
    if user is not None:
        # Not theirs: a signed link or this session may still open it.
        with contextlib.suppress(OrderNotFound):
            return get_order_for_customer(number=number, user=user)
    if token:
        return get_order_by_signed_token(number=number, token=token)
    order_id = find_order_id_by_number(number) if placed_here else None
    if order_id is None:
        raise OrderNotFound("Order not found.")
    return get_order(order_id=order_id)
