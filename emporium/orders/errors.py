"""Order errors, each with a stable code (part of the API contract).

`OutOfStock` (`out_of_stock`, 409) comes from `inventory.errors` and
passes through `place_order` unchanged.
"""

from emporium.core.errors import Conflict, DomainError, InvalidInput, NotFound


class OrderNotFound(NotFound):
    """No such order, or not one the asker may see (the same answer)."""

    default_code = "order_not_found"


class FulfilmentNotFound(NotFound):
    default_code = "fulfilment_not_found"


class InvalidTransition(Conflict):
    """The requested status change is not an allowed move."""

    default_code = "invalid_transition"


class IdempotencyKeyReused(Conflict):
    """The key already placed an order for a different cart."""

    default_code = "idempotency_key_reused"


class InvalidIdempotencyKey(InvalidInput):
    default_code = "invalid_idempotency_key"


class InvalidOrderDraft(InvalidInput):
    """The draft checkout built is inconsistent (a bug upstream, not a buyer's
    typo); nothing is written."""

    default_code = "invalid_order_draft"


class RefundNotAllowed(DomainError):
    """A refund the order cannot take: never paid, another currency, or
    more than is left to refund."""

    default_code = "refund_not_allowed"
