"""Bank transfer and cash on delivery: no provider call, staff settle.

Starting one records a pending payment and tells the buyer how to pay; the
order waits (stock held for `MANUAL_HOLD_MINUTES`) until staff mark the
money received in the admin. Refunding records that staff sent the money
back by hand.
"""

from collections.abc import Mapping

from django.conf import settings

from emporium.core.money import Money, format_money
from emporium.payments.cards import CardDetails
from emporium.payments.constants import (
    MANUAL_HOLD_MINUTES,
    PROVIDER_BANK_TRANSFER,
    PROVIDER_CASH_ON_DELIVERY,
    PaymentStatus,
)
from emporium.payments.errors import InvalidWebhook
from emporium.payments.models import Payment
from emporium.payments.providers.base import NextAction, ProviderResult, RefundResult


class _ManualProvider:
    code = ""
    requires_card = False
    initial_status = PaymentStatus.PENDING
    hold_minutes = MANUAL_HOLD_MINUTES

    def is_available(self) -> bool:
        return True

    def instructions(self, payment: Payment) -> dict[str, str]:
        return {
            "amount": format_money(payment.money),
            "reference": payment.order.number,
        }

    def start(
        self,
        payment: Payment,
        *,
        card: CardDetails | None = None,
        payment_method: str = "",
        return_url: str = "",
    ) -> ProviderResult:
        action = NextAction(
            type="instructions", instructions=self.instructions(payment)
        )
        return ProviderResult(status=PaymentStatus.PENDING, next_action=action)

    def confirm(self, payment: Payment, *, params: Mapping[str, str]) -> ProviderResult:
        return self.fetch(payment)

    def fetch(self, payment: Payment) -> None:
        return None  # only staff know; nothing to ask

    def cancel(self, payment: Payment) -> ProviderResult:
        return ProviderResult(status=PaymentStatus.CANCELLED)

    def refund(self, payment: Payment, amount: Money, *, key: str) -> RefundResult:
        return RefundResult(
            succeeded=True,
            provider_reference=f"manual_{key}",
            raw={"note": "sent back by staff", "amount": str(amount.amount)},
        )

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]):
        raise InvalidWebhook("This payment method sends no webhooks.")


class BankTransferProvider(_ManualProvider):
    """The buyer transfers the total to the shop's account, quoting the
    order number; staff mark it received. `BANK_TRANSFER_DETAILS` must name
    at least an IBAN, else the method is not offered."""

    code = PROVIDER_BANK_TRANSFER

    def is_available(self) -> bool:
        return bool(settings.BANK_TRANSFER_DETAILS.get("iban"))

    def instructions(self, payment: Payment) -> dict[str, str]:
        details = {
            key: str(value)
            for key, value in settings.BANK_TRANSFER_DETAILS.items()
            if value
        }
        return {**details, **super().instructions(payment)}


class CashOnDeliveryProvider(_ManualProvider):
    """The buyer pays the carrier; staff mark it received once the carrier
    paid the shop."""

    code = PROVIDER_CASH_ON_DELIVERY
