"""Writes of payouts, one module per idea; import them from here."""

from emporium.payouts.services.ledger import (
    RefundPart,
    record_order_sales,
    record_refund_clawback,
)
from emporium.payouts.services.settlement import (
    mark_payout_failed,
    mark_payout_paid,
    run_payouts,
    settle_shop_balance,
)

__all__ = [
    "RefundPart",
    "mark_payout_failed",
    "mark_payout_paid",
    "record_order_sales",
    "record_refund_clawback",
    "run_payouts",
    "settle_shop_balance",
]
