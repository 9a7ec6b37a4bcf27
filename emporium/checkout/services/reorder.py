"""Order again: an earlier order's items back into the buyer's cart."""

from dataclasses import dataclass

from emporium.accounts.models import User
from emporium.cart.errors import InsufficientStock
from emporium.cart.models import Cart
from emporium.cart.services import add_line
from emporium.catalog.errors import OfferNotFound
from emporium.core.errors import DomainError
from emporium.orders.models import Order


@dataclass(frozen=True, slots=True)
class Reordered:
    """What `reorder` put in the cart, and what it could not."""

    cart: Cart | None
    added: int
    problems: tuple[str, ...]


def reorder(*, order: Order, cart: Cart | None, user: User) -> Reordered:
    """Add the order's lines that can still be bought to the user's cart.

    Each line goes through `cart.add_line` (stock, visibility, currency).
    A line short of stock adds what is left; one that cannot be bought is
    named in `problems`. Nothing of the order changes.
    """
    added, problems = 0, []
    for line in order.lines.all():
        quantity = line.quantity
        try:
            try:
                result = add_line(
                    cart=cart, user=user, quantity=quantity, offer_id=line.offer_id
                )
            except InsufficientStock as exc:
                quantity = exc.extra["available"] - exc.extra["in_cart"]
                if quantity <= 0:
                    raise
                result = add_line(
                    cart=cart, user=user, quantity=quantity, offer_id=line.offer_id
                )
                problems.append(
                    f"Only {quantity} of {line.product_title} could be added."
                )
        except OfferNotFound:
            problems.append(f"{line.product_title} is no longer available.")
        except DomainError as exc:
            problems.append(exc.message)
        else:
            cart, added = result.cart, added + 1
    return Reordered(cart=cart, added=added, problems=tuple(problems))
