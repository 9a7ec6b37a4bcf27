"""The order timeline: one `OrderEvent` per thing that happened."""

from typing import Any

from emporium.accounts.models import User
from emporium.orders.constants import OrderEventType
from emporium.orders.models import OrderEvent


def record_order_event(
    *,
    order_id: int,
    type: OrderEventType,
    actor: User | None,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> OrderEvent:
    """Append an entry to the order's timeline (inside the caller's change)."""
    return OrderEvent.objects.create(
        order_id=order_id,
        type=type,
        actor=actor if actor is not None and actor.is_authenticated else None,
        message=message[:255],
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )
