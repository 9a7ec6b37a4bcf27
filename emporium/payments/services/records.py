"""The record of each provider call: one `PaymentTransaction` per answer."""

import json
from collections.abc import Mapping
from typing import Any

from emporium.core.money import Money
from emporium.payments.constants import (
    RAW_RESPONSE_MAX_CHARS,
    REDACTED_KEYS,
    TransactionKind,
    TransactionStatus,
)
from emporium.payments.models import Payment, PaymentTransaction
from emporium.payments.providers.base import ProviderResult


def trimmed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A provider's answer fit to store: secrets out, at most
    `RAW_RESPONSE_MAX_CHARS` of JSON (else the start of its text)."""
    clean = {k: v for k, v in raw.items() if k not in REDACTED_KEYS}
    text = json.dumps(clean, default=str)
    if len(text) <= RAW_RESPONSE_MAX_CHARS:
        return clean
    return {"truncated": True, "text": text[:RAW_RESPONSE_MAX_CHARS]}


def record_transaction(
    payment: Payment,
    *,
    kind: TransactionKind | None,
    status: TransactionStatus,
    result: ProviderResult | None = None,
    amount: Money | None = None,
    reference: str = "",
    raw: Mapping[str, Any] | None = None,
    error: tuple[str, str] = ("", ""),
) -> PaymentTransaction:
    """Write one transaction of `payment` (inside the caller's change)."""
    if result is not None:
        reference = reference or result.provider_reference
        raw = raw if raw is not None else result.raw
        error = (result.error_code, result.error_message)
    money = amount or payment.money
    return PaymentTransaction.objects.create(
        payment=payment,
        kind=kind or TransactionKind.AUTHORIZE,
        status=status,
        currency=money.currency,
        amount=money.quantize().amount,
        provider_reference=reference[:255],
        raw_response=trimmed(raw or {}),
        error_code=error[0][:64],
        error_message=error[1][:255],
    )
