"""Shapes of the checkout API: what comes in (types, lengths) and what goes out.

No rule lives here: the cart's state, prices, tax, shipping, the voucher and
the card are judged by `checkout.services` and the layers below. Money goes
out as `{"amount": "19.99", "currency": "EUR"}`, the amount a decimal
string in the currency's minor unit, as in the cart API.
"""

from typing import Any

from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.core.money import Money
from emporium.orders.drafts import AddressSnapshot
from emporium.payments.cards import CardDetails
from emporium.payments.constants import PaymentMethod

# --- Input ----------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "pattern": "^[A-Z]{2}$", "minLength": 2, "maxLength": 2}
)
class CountryCodeField(serializers.ChoiceField):
    """An ISO 3166-1 alpha-2 code known to django-countries."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 country code, e.g. `DE`.")
        super().__init__(choices=countries, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(str(data).strip().upper())


# A plain string enum: a named enum component would clash with payments'.
@extend_schema_field({"type": "string", "enum": PaymentMethod.values})
class PaymentMethodField(serializers.ChoiceField):
    """A payment method code (`card`, `bank_transfer`, ...)."""


def _text(max_length: int, *, required: bool = True) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=required, allow_blank=not required
    )


class CheckoutAddressSerializer(serializers.Serializer):
    first_name = _text(150)
    last_name = _text(150)
    company = _text(200, required=False)
    line1 = _text(255)
    line2 = _text(255, required=False)
    city = _text(120)
    region = _text(120, required=False)
    postal_code = _text(20, required=False)
    country = CountryCodeField()
    phone = _text(32, required=False)

    def to_snapshot(self, data: dict[str, str]) -> AddressSnapshot:
        return AddressSnapshot(**{key: str(value) for key, value in data.items()})


class CheckoutCardSerializer(serializers.Serializer):
    """Card details, for the keyless test provider only (Stripe never takes
    them: confirm with Stripe.js and send `stripe_payment_method`)."""

    number = serializers.CharField(max_length=40)
    exp_month = serializers.IntegerField(min_value=1, max_value=12)
    exp_year = serializers.IntegerField(min_value=0, max_value=9999)
    cvc = serializers.CharField(max_length=4)

    def __repr__(self) -> str:  # never log what a buyer typed
        return "CheckoutCardSerializer()"


class ShippingMethodsQuerySerializer(serializers.Serializer):
    country = serializers.CharField(max_length=10)
    region = _text(120, required=False)


class CheckoutSummaryRequestSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=10, required=False, allow_blank=True)
    region = _text(120, required=False)
    shipping_method = serializers.IntegerField(
        required=False, allow_null=True, min_value=1
    )


class CheckoutRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(
        max_length=254,
        required=False,
        help_text="Required for guests; signed-in buyers use their account's.",
    )
    shipping_address = CheckoutAddressSerializer(required=False)
    shipping_address_id = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Instead of `shipping_address`: a saved address (signed in).",
    )
    billing_address = CheckoutAddressSerializer(
        required=False, help_text="Omitted: the shipping address."
    )
    shipping_method = serializers.IntegerField(min_value=1)
    payment_method = PaymentMethodField(choices=PaymentMethod.choices)
    card = CheckoutCardSerializer(required=False)
    stripe_payment_method = serializers.CharField(
        max_length=100,
        required=False,
        help_text="Stripe: the `pm_...` id Stripe.js made.",
    )
    return_url = serializers.URLField(
        max_length=400,
        required=False,
        help_text="Where 3-D Secure sends the buyer back; `{number}` is "
        "replaced by the order number. Default: this shop's return page.",
    )

    def validate(self, attrs: dict) -> dict:
        if ("shipping_address" in attrs) == ("shipping_address_id" in attrs):
            raise serializers.ValidationError(
                "Give either `shipping_address` or `shipping_address_id`."
            )
        return attrs

    def card_details(self) -> CardDetails | None:
        card = self.validated_data.get("card")
        if card is None:
            return None
        return CardDetails(
            number=card["number"],
            exp_month=card["exp_month"],
            exp_year=card["exp_year"],
            cvc=card["cvc"],
        )


# --- Output ---------------------------------------------------------------------


class CheckoutMoneySerializer(serializers.Serializer):
    amount = serializers.SerializerMethodField(
        help_text="Decimal string in the currency's minor unit (EUR 2 places)."
    )
    currency = serializers.CharField()

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_amount(self, money: Money) -> str:
        return str(money.quantize().amount)


class ShippingOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="method_id")
    name = serializers.CharField()
    description = serializers.CharField()
    price = CheckoutMoneySerializer(help_text="For every parcel together.")
    is_free = serializers.BooleanField()
    parcels = serializers.IntegerField(help_text="One per shop in the cart.")
    min_days = serializers.IntegerField(allow_null=True)
    max_days = serializers.IntegerField(allow_null=True)


class CheckoutSummaryLineSerializer(serializers.Serializer):
    offer = serializers.IntegerField(source="total.offer_id")
    name = serializers.CharField(source="view.name")
    shop = serializers.CharField(source="view.line.offer.shop.name")
    quantity = serializers.IntegerField(source="total.quantity")
    unit_price = CheckoutMoneySerializer(source="total.unit_price")
    amount = CheckoutMoneySerializer(source="total.amount")
    discount = CheckoutMoneySerializer(source="total.discount")
    tax_rate = serializers.DecimalField(
        source="total.tax_rate", max_digits=6, decimal_places=3
    )
    tax = CheckoutMoneySerializer(source="total.tax")
    total = CheckoutMoneySerializer(source="total.gross")


class CheckoutTotalsSerializer(serializers.Serializer):
    subtotal = CheckoutMoneySerializer(help_text="Items before discount, as entered.")
    discount = CheckoutMoneySerializer(help_text="Voucher: items and shipping.")
    shipping = CheckoutMoneySerializer(help_text="Before a free-shipping discount.")
    net = CheckoutMoneySerializer()
    tax = CheckoutMoneySerializer()
    total = CheckoutMoneySerializer(help_text="What the buyer pays.")


class CheckoutSummarySerializer(serializers.Serializer):
    currency = serializers.CharField()
    country = serializers.CharField(help_text="Empty: figures before tax.")
    lines = CheckoutSummaryLineSerializer(many=True)
    totals = CheckoutTotalsSerializer()
    voucher = serializers.CharField(source="voucher.code", default=None)
    shipping_method = ShippingOptionSerializer(source="shipping", allow_null=True)
    shipping_methods = ShippingOptionSerializer(source="options", many=True)
    messages = serializers.SerializerMethodField(
        help_text="What the read of the cart found changed, said once."
    )
    can_place = serializers.BooleanField()

    def get_messages(self, summary: Any) -> list[dict[str, Any]]:
        return [
            {"code": note.code, "detail": note.text, "line_id": note.line_id}
            for note in summary.cart.messages
        ]


class CheckoutPaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="payment.pk")
    method = serializers.CharField(source="payment.method")
    status = serializers.CharField()
    next_action = serializers.DictField(
        help_text="`{type: redirect, url}` (3-D Secure), `{type: stripe_js, "
        "client_secret}` or `{type: instructions, instructions}`; empty when "
        "nothing is left to do."
    )
    failure_code = serializers.CharField()
    failure_message = serializers.CharField()


class CheckoutPaymentErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField(source="message")


class CheckoutResultSerializer(serializers.Serializer):
    number = serializers.CharField(source="order.number")
    status = serializers.CharField(source="order.status")
    email = serializers.EmailField(source="order.email")
    currency = serializers.CharField(source="order.currency")
    totals = serializers.SerializerMethodField()
    shipping_method = serializers.CharField(source="order.shipping_method_name")
    payment = CheckoutPaymentSerializer(allow_null=True)
    payment_error = CheckoutPaymentErrorSerializer(
        allow_null=True,
        help_text="The payment could not be started; the order awaits payment.",
    )
    order_url = serializers.SerializerMethodField(
        help_text="Guests: the signed link to the order page (as in the email)."
    )
    replayed = serializers.BooleanField(source="is_replay")

    @extend_schema_field(CheckoutTotalsSerializer)
    def get_totals(self, result: Any) -> dict[str, Any]:
        order = result.order
        figures = {
            name: getattr(order, name)
            for name in ("subtotal", "discount", "shipping", "net", "tax", "total")
        }
        return CheckoutTotalsSerializer(figures).data

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_order_url(self, result: Any) -> str | None:
        return self.context.get("order_url")
