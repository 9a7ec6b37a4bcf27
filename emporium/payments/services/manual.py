"""Staff settle bank transfers and cash on delivery by hand."""

from emporium.accounts.models import User
from emporium.payments.constants import (
    PROVIDER_BANK_TRANSFER,
    PROVIDER_CASH_ON_DELIVERY,
    PaymentStatus,
)
from emporium.payments.errors import ManualSettlementNotAllowed
from emporium.payments.models import Payment
from emporium.payments.providers.base import ProviderResult
from emporium.payments.selectors import get_payment
from emporium.payments.services.settling import apply_result

MANUAL_PROVIDERS = frozenset({PROVIDER_BANK_TRANSFER, PROVIDER_CASH_ON_DELIVERY})


def mark_payment_received(
    *, payment_id: int, actor: User | None, note: str = ""
) -> Payment:
    """Record that the money of a bank transfer or cash on delivery arrived.

    The payment succeeds and pays the order (`apply_result`: the stock
    reservation is sold); `note` (a bank reference) is kept on the
    transaction. Marking it twice changes nothing.

    Raises:
        PaymentNotFound.
        ManualSettlementNotAllowed: not a bank transfer or cash on
            delivery, or the attempt was cancelled (the buyer paid
            another way).
    """
    payment = get_payment(payment_id=payment_id)
    if payment.provider not in MANUAL_PROVIDERS:
        raise ManualSettlementNotAllowed(
            f"Payment {payment.pk} is paid through {payment.provider}; "
            "only bank transfers and cash on delivery are marked received."
        )
    if payment.status not in (PaymentStatus.PENDING, PaymentStatus.SUCCEEDED):
        raise ManualSettlementNotAllowed(
            f"Payment {payment.pk} is {payment.get_status_display().lower()}."
        )
    by = actor.email if actor is not None and actor.is_authenticated else "staff"
    result = ProviderResult(
        status=PaymentStatus.SUCCEEDED,
        amount=payment.money,
        raw={"received_by": by, "note": note[:200]},
    )
    return apply_result(
        payment_id=payment.pk,
        result=result,
        actor=actor,
        reason=f"Payment received ({payment.get_method_display().lower()}).",
    )
