"""Stripe with Payment Intents, through the official `stripe` SDK.

A card payment is a PaymentIntent for the order total in minor units, with
the order number and our payment id in its metadata. With a
`payment_method` (a `pm_...` id made by Stripe.js in the buyer's browser)
it is confirmed at once, with `return_url` for a 3-D Secure redirect;
without one, the browser confirms it with Stripe.js and `client_secret`.
Card numbers never reach this server.

Webhooks (`payment_intent.succeeded`, `payment_intent.payment_failed`,
`payment_intent.canceled`, `charge.refunded`) are verified with the
endpoint secret (`Stripe-Signature`, HMAC-SHA256 over "<t>.<body>", 300 s
tolerance). `STRIPE_API_BASE` points the SDK elsewhere (the tests' fake).
"""

import json
from collections.abc import Mapping
from typing import Any

import stripe
from django.conf import settings

from emporium.core.money import Money
from emporium.payments.cards import CardDetails
from emporium.payments.constants import (
    PROVIDER_STRIPE,
    REDACTED_KEYS,
    STRIPE_WEBHOOK_TOLERANCE,
    PaymentStatus,
)
from emporium.payments.errors import InvalidCard, InvalidWebhook, ProviderError
from emporium.payments.models import Payment
from emporium.payments.providers.base import (
    NextAction,
    ProviderResult,
    RefundResult,
    WebhookNotice,
)

INTENT_EVENTS = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
    }
)
REFUND_EVENT = "charge.refunded"
_SIMPLE = {
    "succeeded": PaymentStatus.SUCCEEDED,
    "processing": PaymentStatus.PROCESSING,
    "requires_capture": PaymentStatus.PROCESSING,
    "canceled": PaymentStatus.CANCELLED,
}


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=2,
    )


def _plain(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj or {})


def _redacted(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in REDACTED_KEYS}


def _money(minor: int, currency: str) -> Money:
    return Money.from_minor(int(minor), currency.upper())


def intent_result(intent: Mapping[str, Any]) -> ProviderResult:
    """Where a PaymentIntent (as JSON) leaves our payment."""
    common = {
        "provider_reference": intent["id"],
        "client_secret": intent.get("client_secret") or "",
        "raw": _redacted(intent),
    }
    status = intent.get("status", "")
    if status in _SIMPLE:
        received = intent.get("amount_received") or intent["amount"]
        return ProviderResult(
            status=_SIMPLE[status],
            amount=_money(received, intent["currency"]),
            **common,
        )
    error = intent.get("last_payment_error") or {}
    if status == "requires_payment_method" and error:
        return ProviderResult(
            status=PaymentStatus.FAILED,
            error_code=error.get("code") or error.get("decline_code") or "card_error",
            error_message=(error.get("message") or "The payment failed.")[:255],
            **common,
        )
    return ProviderResult(
        status=PaymentStatus.REQUIRES_ACTION,
        next_action=_next_action(intent),
        **common,
    )


def _next_action(intent: Mapping[str, Any]) -> NextAction:
    action = intent.get("next_action") or {}
    if action.get("type") == "redirect_to_url":
        return NextAction(type="redirect", url=action["redirect_to_url"]["url"])
    return NextAction(type="stripe_js", client_secret=intent.get("client_secret") or "")


def _provider_error(exc: stripe.StripeError) -> ProviderError:
    return ProviderError(
        "The card payment service could not be reached; please try again.",
        extra={"provider": PROVIDER_STRIPE, "provider_code": exc.code or ""},
    )


class StripeProvider:
    code = PROVIDER_STRIPE
    requires_card = False
    initial_status = PaymentStatus.PROCESSING
    hold_minutes = None

    def is_available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY)

    def start(
        self,
        payment: Payment,
        *,
        card: CardDetails | None = None,
        payment_method: str = "",
        return_url: str = "",
    ) -> ProviderResult:
        if card is not None:
            raise InvalidCard(
                "Card details go to Stripe from the browser, never to this shop.",
                code="card_not_accepted",
            )
        params: dict[str, Any] = {
            "amount": payment.money.to_minor(),
            "currency": payment.currency.lower(),
            "metadata": {
                "order_number": payment.order.number,
                "payment_id": str(payment.pk),
            },
        }
        if payment_method:
            params |= {
                "payment_method": payment_method,
                "payment_method_types": ["card"],
                "confirm": True,
                "return_url": return_url or settings.SITE_URL,
            }
        else:
            params["automatic_payment_methods"] = {"enabled": True}
        key = f"emporium-payment-{payment.pk}"
        try:
            intent = _client().v1.payment_intents.create(
                params=params, options={"idempotency_key": key}
            )
        except stripe.CardError as exc:
            return self._declined(exc)
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return intent_result(_plain(intent))

    def confirm(self, payment: Payment, *, params: Mapping[str, str]) -> ProviderResult:
        if not payment.provider_reference:  # nothing to ask about yet
            return ProviderResult(status=PaymentStatus(payment.status))
        intents = _client().v1.payment_intents
        try:
            intent = _plain(intents.retrieve(payment.provider_reference))
            if intent.get("status") == "requires_confirmation":
                confirm_params = {"return_url": payment.return_url or settings.SITE_URL}
                intent = _plain(
                    intents.confirm(payment.provider_reference, params=confirm_params)
                )
        except stripe.CardError as exc:
            return self._declined(exc)
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return intent_result(intent)

    def fetch(self, payment: Payment) -> ProviderResult | None:
        if not payment.provider_reference:
            return None  # the answer with the intent id was lost; its webhook tells
        try:
            intent = _client().v1.payment_intents.retrieve(payment.provider_reference)
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return intent_result(_plain(intent))

    def cancel(self, payment: Payment) -> ProviderResult:
        if not payment.provider_reference:
            return ProviderResult(status=PaymentStatus.CANCELLED)
        try:
            intent = _client().v1.payment_intents.cancel(payment.provider_reference)
        except stripe.StripeError as exc:
            raise _provider_error(exc) from exc
        return intent_result(_plain(intent))

    def refund(self, payment: Payment, amount: Money, *, key: str) -> RefundResult:
        params = {
            "payment_intent": payment.provider_reference,
            "amount": amount.to_minor(),
            "metadata": {"order_number": payment.order.number},
        }
        try:
            refund = _plain(
                _client().v1.refunds.create(
                    params=params, options={"idempotency_key": key}
                )
            )
        except stripe.StripeError as exc:
            return RefundResult(
                succeeded=False,
                error_code=exc.code or "refund_failed",
                error_message=(exc.user_message or str(exc) or "Refund failed.")[:255],
            )
        ok = refund.get("status") in ("succeeded", "pending")
        return RefundResult(
            succeeded=ok,
            provider_reference=refund.get("id", ""),
            error_code="" if ok else refund.get("failure_reason") or "refund_failed",
            raw=refund,
        )

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> WebhookNotice:
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            raise InvalidWebhook("Stripe webhooks are not set up here.")
        signature = {k.lower(): v for k, v in headers.items()}.get("stripe-signature")
        try:
            stripe.Webhook.construct_event(
                body, signature, secret, tolerance=STRIPE_WEBHOOK_TOLERANCE
            )
            event = json.loads(body)
            obj = event["data"]["object"]
            return self._notice(event, obj)
        except (
            stripe.SignatureVerificationError,
            ValueError,
            KeyError,
            TypeError,
        ) as exc:
            raise InvalidWebhook("The webhook signature does not verify.") from exc

    @staticmethod
    def _notice(event: dict[str, Any], obj: dict[str, Any]) -> WebhookNotice:
        common = {"event_id": event["id"], "type": event["type"], "payload": event}
        metadata = obj.get("metadata") or {}
        payment_id = str(metadata.get("payment_id", ""))
        hint = int(payment_id) if payment_id.isdigit() else None
        if event["type"] in INTENT_EVENTS:
            return WebhookNotice(
                provider_reference=obj["id"],
                payment_id=hint,
                result=intent_result(obj),
                **common,
            )
        if event["type"] == REFUND_EVENT and obj.get("payment_intent"):
            return WebhookNotice(
                provider_reference=obj["payment_intent"],
                payment_id=hint,
                refunded=_money(obj["amount_refunded"], obj["currency"]),
                **common,
            )
        return WebhookNotice(**common)

    @staticmethod
    def _declined(exc: stripe.CardError) -> ProviderResult:
        intent = _plain(getattr(exc.error, "payment_intent", None))
        if intent.get("id") and intent.get("status"):
            return intent_result(intent)
        return ProviderResult(
            status=PaymentStatus.FAILED,
            provider_reference=intent.get("id", ""),
            error_code=exc.code or "card_declined",
            error_message=(exc.user_message or "Your card was declined.")[:255],
        )
