"""Shapes of the payments API: a payment attempt out, a start request in.

Amounts are decimal strings with the currency's minor unit ("19.99"),
next to the payment's `currency`.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.core.money import Money
from emporium.payments.cards import CardDetails
from emporium.payments.constants import PaymentMethod
from emporium.payments.models import Payment

AMOUNT_SCHEMA = {"type": "string", "format": "decimal", "example": "19.99"}


@extend_schema_field(AMOUNT_SCHEMA)
class AmountField(serializers.Field):
    def __init__(self, *, amount: str, **kwargs: Any):
        self.amount = amount
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, row: Any) -> str:
        return str(Money(getattr(row, self.amount), row.currency).quantize().amount)


class CardSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=32, help_text="Spaces allowed.")
    exp_month = serializers.IntegerField()
    exp_year = serializers.IntegerField(help_text="Four digits, or two.")
    cvc = serializers.CharField(max_length=4)


class PaymentStartSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    card = CardSerializer(
        required=False,
        help_text="Only for the test provider (`make run`): test card numbers "
        "4242 4242 4242 4242, 4000 0000 0000 0002, 4000 0000 0000 3220.",
    )
    payment_method = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="Stripe: the PaymentMethod id (`pm_...`) Stripe.js made.",
    )
    return_url = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Where the buyer comes back after 3-D Secure.",
    )

    def card_details(self) -> CardDetails | None:
        card = self.validated_data.get("card")
        return CardDetails(**card) if card else None


class NextActionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=["redirect", "stripe_js", "instructions"],
        help_text="redirect: open `url`; stripe_js: confirm with Stripe.js and "
        "`client_secret`; instructions: how to pay (bank transfer, cash).",
    )
    url = serializers.URLField(required=False)
    client_secret = serializers.CharField(required=False)
    instructions = serializers.DictField(child=serializers.CharField(), required=False)


class PaymentSerializer(serializers.ModelSerializer):
    amount = AmountField(amount="amount")
    refunded = AmountField(amount="refunded_amount")
    next_action = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "id",
            "method",
            "provider",
            "status",
            "currency",
            "amount",
            "refunded",
            "next_action",
            "failure_code",
            "failure_message",
            "created_at",
        ]

    @extend_schema_field(NextActionSerializer(allow_null=True))
    def get_next_action(self, payment: Payment) -> dict[str, Any] | None:
        return payment.next_action or None


class WebhookReceiptSerializer(serializers.Serializer):
    received = serializers.BooleanField()
    outcome = serializers.ChoiceField(
        choices=["processed", "ignored"],
        help_text="ignored: an event type or payment this shop does not know.",
    )
