"""The test card provider: no keys, no network, no money.

Lets `make run` and the test suite complete a purchase. The card numbers
are Stripe's test numbers, so the same ones work once Stripe is set up:

| card | result |
| --- | --- |
| 4242 4242 4242 4242 | succeeds |
| 4000 0000 0000 0002 | declined (`card_declined`) |
| 4000 0000 0000 3220 | requires a confirmation step (3-D Secure) |

Any other valid number is declined (`test_card_unknown`). The
confirmation step is a local page, `/payments/test/confirm/<id>/`, behind a
signed token. Refused unless `PAYMENTS_TEST_PROVIDER_ENABLED` (on in
development and tests, off in production unless set): a real shop must
never take "4242" as payment.
"""

import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

from emporium.core.money import Money
from emporium.payments.cards import CardDetails
from emporium.payments.constants import (
    PROVIDER_TEST,
    TEST_CONFIRM_MAX_AGE,
    TEST_CONFIRM_SALT,
    PaymentStatus,
)
from emporium.payments.errors import InvalidCard, InvalidWebhook, PaymentNotFound
from emporium.payments.models import Payment
from emporium.payments.providers.base import NextAction, ProviderResult, RefundResult

SUCCEEDS = "4242424242424242"
DECLINED = "4000000000000002"
REQUIRES_ACTION = "4000000000003220"
DECLINE_MESSAGE = "Your card was declined."
UNKNOWN_MESSAGE = (
    "The test provider takes only its test cards: 4242 4242 4242 4242 "
    "(succeeds), 4000 0000 0000 0002 (declined), 4000 0000 0000 3220 "
    "(asks for confirmation)."
)


def make_confirm_token(payment_id: int) -> str:
    return signing.dumps({"p": payment_id}, salt=TEST_CONFIRM_SALT)


def read_confirm_token(token: str) -> int:
    """The payment id a confirmation link is for.

    Raises:
        PaymentNotFound: a tampered or expired token (like any payment the
            visitor may not see).
    """
    try:
        data = signing.loads(
            token, salt=TEST_CONFIRM_SALT, max_age=TEST_CONFIRM_MAX_AGE
        )
    except signing.BadSignature as exc:
        raise PaymentNotFound("Payment not found.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise PaymentNotFound("Payment not found.")
    return data["p"]


def confirm_url(payment_id: int) -> str:
    path = reverse("payments:test-confirm", args=[payment_id])
    query = urlencode({"token": make_confirm_token(payment_id)})
    return f"{settings.SITE_URL}{path}?{query}"


class TestCardProvider:
    code = PROVIDER_TEST
    requires_card = True
    initial_status = PaymentStatus.PROCESSING
    hold_minutes = None

    def is_available(self) -> bool:
        return bool(settings.PAYMENTS_TEST_PROVIDER_ENABLED)

    def start(
        self,
        payment: Payment,
        *,
        card: CardDetails | None,
        payment_method: str = "",
        return_url: str = "",
    ) -> ProviderResult:
        if card is None:
            raise InvalidCard("Card details are required.")
        reference = f"test_{secrets.token_hex(12)}"
        raw = {"card_last4": card.last4, "reference": reference}
        if card.digits == SUCCEEDS:
            return self._succeeded(payment, reference, raw)
        if card.digits == REQUIRES_ACTION:
            return ProviderResult(
                status=PaymentStatus.REQUIRES_ACTION,
                provider_reference=reference,
                next_action=NextAction(type="redirect", url=confirm_url(payment.pk)),
                raw=raw,
            )
        known = card.digits == DECLINED
        return ProviderResult(
            status=PaymentStatus.FAILED,
            provider_reference=reference,
            error_code="card_declined" if known else "test_card_unknown",
            error_message=DECLINE_MESSAGE if known else UNKNOWN_MESSAGE,
            raw=raw,
        )

    def confirm(self, payment: Payment, *, params: Mapping[str, str]) -> ProviderResult:
        reference = payment.provider_reference or ""
        outcome = params.get("outcome")
        if outcome == "complete":
            return self._succeeded(payment, reference, {"authentication": "completed"})
        if outcome == "fail":
            return ProviderResult(
                status=PaymentStatus.FAILED,
                provider_reference=reference,
                error_code="authentication_failed",
                error_message="The card's authentication failed.",
                raw={"authentication": "failed"},
            )
        return self.fetch(payment)

    def fetch(self, payment: Payment) -> ProviderResult:
        if payment.status == PaymentStatus.REQUIRES_ACTION:
            # The buyer has not answered the confirmation page yet.
            return ProviderResult(
                status=PaymentStatus.REQUIRES_ACTION,
                provider_reference=payment.provider_reference or "",
            )
        # Nothing runs in the background here: an attempt still processing
        # lost its answer (the process died mid-call); it took no money.
        return ProviderResult(
            status=PaymentStatus.FAILED,
            provider_reference=payment.provider_reference or "",
            error_code="no_answer",
            error_message="The payment was interrupted; please try again.",
        )

    def cancel(self, payment: Payment) -> ProviderResult:
        return ProviderResult(
            status=PaymentStatus.CANCELLED,
            provider_reference=payment.provider_reference or "",
        )

    def refund(self, payment: Payment, amount: Money, *, key: str) -> RefundResult:
        return RefundResult(
            succeeded=True,
            provider_reference=f"test_{key}",
            raw={"amount": str(amount.amount), "currency": amount.currency},
        )

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]):
        raise InvalidWebhook("The test provider sends no webhooks.")

    @staticmethod
    def _succeeded(payment: Payment, reference: str, raw: dict) -> ProviderResult:
        return ProviderResult(
            status=PaymentStatus.SUCCEEDED,
            provider_reference=reference,
            amount=payment.money,
            raw=raw,
        )
