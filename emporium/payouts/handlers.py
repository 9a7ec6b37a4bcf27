"""Reactions of payouts to orders' events: a paid order's sales and a
refund's clawback go into the ledger. Idempotent (the entries' keys): a
redelivered event writes nothing."""

from typing import Any

from emporium.core.events import subscribe
from emporium.core.money import Money
from emporium.orders.constants import ORDER_PAID, ORDER_REFUND_RECORDED
from emporium.payouts.services import (
    RefundPart,
    record_order_sales,
    record_refund_clawback,
)


@subscribe(ORDER_PAID)
def record_sales_of_paid_order(payload: dict[str, Any]) -> None:
    record_order_sales(order_id=payload["order_id"])


@subscribe(ORDER_REFUND_RECORDED)
def claw_back_refund(payload: dict[str, Any]) -> None:
    currency = payload["currency"]
    record_refund_clawback(
        order_id=payload["order_id"],
        refund_key=payload["refunded"],
        parts=[
            RefundPart(
                fulfilment_id=part["fulfilment_id"],
                amount=Money(part["amount"], currency),
                refunded=Money(part["refunded"], currency),
            )
            for part in payload.get("parts", [])
        ],
    )
