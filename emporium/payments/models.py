"""Payments (one per attempt), their provider transactions, and the
webhook events received (kept for idempotency).

`status` changes only through `payments.states.transition_payment`.
"""

from django.db import models
from django.db.models import F, Q

from emporium.core.money import amount_field, currency_field, money_property
from emporium.payments.constants import (
    PaymentMethod,
    PaymentStatus,
    TransactionKind,
    TransactionStatus,
    WebhookOutcome,
)


class Payment(models.Model):
    """One attempt to pay an order with one method and provider."""

    order = models.ForeignKey(
        "orders.Order", on_delete=models.PROTECT, related_name="payments"
    )
    provider = models.CharField(max_length=40)
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    currency = currency_field()
    amount = amount_field()
    refunded_amount = amount_field(default=0)
    # True once this payment's money paid the order: its refunds refund the
    # order too. A surplus payment (the order was paid or cancelled
    # meanwhile) is refunded on its own.
    paid_order = models.BooleanField(default=False)
    # NULL until the provider answers: unique per provider, and NULLs never
    # collide (an empty string would).
    provider_reference = models.CharField(  # noqa: DJ001
        max_length=255, null=True, blank=True
    )
    client_secret = models.CharField(max_length=255, blank=True)
    next_action = models.JSONField(default=dict, blank=True)
    return_url = models.URLField(max_length=500, blank=True)
    failure_code = models.CharField(max_length=64, blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    money = money_property("amount")
    refunded = money_property("refunded_amount")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="payment_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                name="payment_reference_unique_per_provider",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values),
                name="payment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0)
                & Q(refunded_amount__gte=0)
                & Q(refunded_amount__lte=F("amount")),
                name="payment_refund_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Payment {self.pk} ({self.method}, {self.status})"

    @property
    def refundable(self):
        """What is left to refund, as `Money`."""
        return self.money - self.refunded


class PaymentTransaction(models.Model):
    """One call to a provider (or one staff record) and what it answered."""

    payment = models.ForeignKey(
        Payment, on_delete=models.CASCADE, related_name="transactions"
    )
    kind = models.CharField(max_length=16, choices=TransactionKind.choices)
    status = models.CharField(max_length=16, choices=TransactionStatus.choices)
    currency = currency_field()
    amount = amount_field()
    provider_reference = models.CharField(max_length=255, blank=True)
    raw_response = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    money = money_property("amount")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # A provider's refund is recorded once, whoever reports it first
            # (our refund call, or its webhook).
            models.UniqueConstraint(
                fields=["provider_reference"],
                condition=Q(
                    kind=TransactionKind.REFUND, status=TransactionStatus.SUCCESS
                )
                & ~Q(provider_reference=""),
                name="payment_refund_reference_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} ({self.payment_id})"


class WebhookEvent(models.Model):
    """A provider's event, stored once: a second delivery changes nothing."""

    provider = models.CharField(max_length=40)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    outcome = models.CharField(
        max_length=16, choices=WebhookOutcome.choices, default=WebhookOutcome.RECEIVED
    )
    error_code = models.CharField(max_length=64, blank=True)
    payment = models.ForeignKey(
        Payment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_events",
    )
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="webhook_event_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id} ({self.type})"
