"""Payment methods and statuses, transaction kinds, event names, limits."""

from django.db import models


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CASH_ON_DELIVERY = "cash_on_delivery", "Cash on delivery"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    REQUIRES_ACTION = "requires_action", "Requires action"
    PROCESSING = "processing", "Processing"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"
    REFUNDED = "refunded", "Refunded"


class TransactionKind(models.TextChoices):
    AUTHORIZE = "authorize", "Authorize"
    CAPTURE = "capture", "Capture"
    REFUND = "refund", "Refund"
    VOID = "void", "Void"


class TransactionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCESS = "success", "Success"
    FAILURE = "failure", "Failure"
    ACTION_REQUIRED = "action_required", "Action required"


class WebhookOutcome(models.TextChoices):
    RECEIVED = "received", "Received"
    PROCESSED = "processed", "Processed"
    IGNORED = "ignored", "Ignored"
    REFUSED = "refused", "Refused"


# A payment that may still become money, or is waiting for someone.
OPEN = frozenset(
    {PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION, PaymentStatus.PROCESSING}
)
# A payment whose money arrived (and may be refunded).
PAID = frozenset(
    {
        PaymentStatus.SUCCEEDED,
        PaymentStatus.PARTIALLY_REFUNDED,
        PaymentStatus.REFUNDED,
    }
)
REFUNDABLE = frozenset({PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED})
# Statuses `reconcile_payments` asks the provider about once they are old.
STUCK = frozenset({PaymentStatus.PROCESSING, PaymentStatus.REQUIRES_ACTION})

# Events published to the outbox.
PAYMENT_AMOUNT_MISMATCH = "payment.amount_mismatch"
PAYMENT_NEEDS_REFUND = "payment.needs_refund"
REFUND_ISSUED = "refund.issued"


def payment_status_event(status: str) -> str:
    """The event published when a payment enters `status` ("payment.failed")."""
    return f"payment.{status}"


PAYMENT_SUCCEEDED = payment_status_event(PaymentStatus.SUCCEEDED)
PAYMENT_FAILED = payment_status_event(PaymentStatus.FAILED)

# Provider codes (`Payment.provider`) of the built-in providers.
PROVIDER_TEST = "test"
PROVIDER_STRIPE = "stripe"
PROVIDER_BANK_TRANSFER = "bank_transfer"
PROVIDER_CASH_ON_DELIVERY = "cash_on_delivery"

# Bank transfers and cash on delivery wait for staff: the stock stays held.
MANUAL_HOLD_MINUTES = 14 * 24 * 60
# Provider answers kept on a transaction, as JSON text at most this long.
RAW_RESPONSE_MAX_CHARS = 4000
# Keys never kept in a stored provider answer.
REDACTED_KEYS = frozenset({"client_secret"})
# `reconcile_payments` looks at payments unchanged for this long.
RECONCILE_AFTER_MINUTES = 30
# The signed link of the test provider's confirmation page.
TEST_CONFIRM_SALT = "emporium.payments.test-confirm"
TEST_CONFIRM_MAX_AGE = 60 * 60
# Stripe's documented tolerance for a webhook's signed timestamp.
STRIPE_WEBHOOK_TOLERANCE = 300
