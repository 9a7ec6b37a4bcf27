"""Provider webhooks: verified, stored once, applied once.

The event id is unique per provider (`WebhookEvent`): the row is inserted
in the same transaction that applies the event, so a second delivery (even
a concurrent one, which waits on the unique index) finds the first and
changes nothing.
"""

import logging
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.payments.constants import WebhookOutcome
from emporium.payments.errors import AmountMismatch
from emporium.payments.models import Payment, WebhookEvent
from emporium.payments.providers import provider_for_code
from emporium.payments.providers.base import WebhookNotice
from emporium.payments.selectors import find_payment_by_reference
from emporium.payments.services.refunds import record_provider_refund
from emporium.payments.services.settling import apply_result, record_amount_mismatch

logger = logging.getLogger(__name__)


def handle_webhook(
    *, provider: str, body: bytes, headers: Mapping[str, str]
) -> WebhookEvent:
    """Verify a provider's webhook and apply it once; the stored event.

    An event about a payment we do not know, or of a type we do not use, is
    stored as ignored (answered 200, so the provider stops sending it). A
    duplicate returns the first delivery's record and changes nothing.

    Raises:
        InvalidWebhook (`invalid_signature`): bad signature, stale
            timestamp, unreadable body; nothing is stored.
        AmountMismatch: a success for another amount than the order's
            total; the payment and order do not change, the event is stored
            as refused (a redelivery is refused again) and
            `payment.amount_mismatch` is published.
    """
    gateway = provider_for_code(provider)
    notice = gateway.parse_webhook(body, headers)
    earlier = _find_event(provider, notice.event_id)
    if earlier is not None:
        return _replay(earlier)
    payment = _find_payment(provider, notice)
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                provider=provider,
                event_id=notice.event_id,
                type=notice.type[:100],
                payload=dict(notice.payload),
                payment=payment,
            )
            _apply(event, notice, payment)
    except IntegrityError:
        earlier = _find_event(provider, notice.event_id)
        if earlier is None:
            raise
        return _replay(earlier)
    except AmountMismatch as exc:
        _refuse(provider, notice, payment, exc)
        raise
    return event


def _find_event(provider: str, event_id: str) -> WebhookEvent | None:
    return WebhookEvent.objects.filter(provider=provider, event_id=event_id).first()


def _replay(event: WebhookEvent) -> WebhookEvent:
    if event.outcome == WebhookOutcome.REFUSED:
        raise AmountMismatch(
            "This event was refused before: its amount does not match the order.",
            code=event.error_code or AmountMismatch.default_code,
        )
    return event


def _find_payment(provider: str, notice: WebhookNotice) -> Payment | None:
    payment = find_payment_by_reference(
        provider=provider, reference=notice.provider_reference
    )
    if payment is not None or notice.payment_id is None:
        return payment
    # Our answer with the provider's reference may have been lost: trust
    # the payment id it echoes only for a payment without a reference.
    return Payment.objects.filter(
        pk=notice.payment_id, provider=provider, provider_reference__isnull=True
    ).first()


def _apply(event: WebhookEvent, notice: WebhookNotice, payment: Payment | None) -> None:
    reason = f"{event.provider} event {notice.type} ({notice.event_id})"
    useful = notice.result is not None or notice.refunded is not None
    if payment is None or not useful:
        event.outcome = WebhookOutcome.IGNORED
    else:
        if notice.result is not None:
            apply_result(
                payment_id=payment.pk, result=notice.result, actor=None, reason=reason
            )
        if notice.refunded is not None:
            record_provider_refund(
                payment_id=payment.pk,
                refunded_total=notice.refunded,
                actor=None,
                reason=reason,
            )
        event.outcome = WebhookOutcome.PROCESSED
    event.processed_at = timezone.now()
    event.save(update_fields=["outcome", "processed_at"])


def _refuse(
    provider: str, notice: WebhookNotice, payment: Payment | None, error: AmountMismatch
) -> None:
    record_amount_mismatch(
        payment_id=payment.pk if payment else 0, error=error, source=notice.event_id
    )
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(
                provider=provider,
                event_id=notice.event_id,
                type=notice.type[:100],
                payload=dict(notice.payload),
                payment=payment,
                outcome=WebhookOutcome.REFUSED,
                error_code=error.code,
                processed_at=timezone.now(),
            )
    except IntegrityError:  # a concurrent delivery recorded it first
        logger.info("webhook %s already recorded", notice.event_id)
