"""Shapes of the orders API: what goes out. Orders are read and cancelled
here, never written field by field, so nothing comes in.

Amounts are decimal strings with the currency's minor unit ("19.99",
JPY "2000", KWD "1.235"), next to the order's `currency`.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.core.money import Money
from emporium.orders.models import Fulfilment, Order, OrderEvent, OrderLine

AMOUNT_SCHEMA = {"type": "string", "format": "decimal", "example": "19.99"}


@extend_schema_field(AMOUNT_SCHEMA)
class AmountField(serializers.Field):
    """An amount of a row with a `currency`, rounded to its minor unit."""

    def __init__(self, *, amount: str, **kwargs: Any):
        self.amount = amount
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, row: Any) -> str:
        return str(Money(getattr(row, self.amount), row.currency).quantize().amount)


class OrderAddressSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    company = serializers.CharField()
    line1 = serializers.CharField()
    line2 = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    postal_code = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    phone = serializers.CharField()


class OrderSummarySerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display")
    total = AmountField(amount="total_amount")
    item_count = serializers.IntegerField(help_text="Units over all lines.")

    class Meta:
        model = Order
        fields = [
            "number",
            "status",
            "status_display",
            "placed_at",
            "currency",
            "total",
            "item_count",
        ]


class LineShipmentSerializer(serializers.ModelSerializer):
    """Where the line's parcel (its shop's fulfilment) stands."""

    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = Fulfilment
        fields = [
            "status",
            "status_display",
            "carrier",
            "tracking_number",
            "tracking_url",
            "shipped_at",
            "delivered_at",
        ]


class OrderLineSerializer(serializers.ModelSerializer):
    shop = serializers.IntegerField(source="shop_id")
    shipment = serializers.SerializerMethodField(
        help_text="The shipment of the line's shop: being prepared (`pending`), "
        "`shipped` with tracking, `delivered` or `cancelled`."
    )
    offer = serializers.IntegerField(source="offer_id")
    unit_price = AmountField(amount="unit_price_amount")
    unit_price_net = AmountField(amount="unit_price_net_amount")
    unit_price_gross = AmountField(amount="unit_price_gross_amount")
    amount = AmountField(amount="amount", help_text="Unit x quantity, as entered.")
    discount = AmountField(amount="discount_amount")
    net = AmountField(amount="net_amount")
    tax = AmountField(amount="tax_amount")
    gross = AmountField(amount="gross_amount")

    class Meta:
        model = OrderLine
        fields = [
            "offer",
            "shop",
            "product_title",
            "variant_name",
            "sku",
            "quantity",
            "prices_include_tax",
            "unit_price",
            "unit_price_net",
            "unit_price_gross",
            "tax_rate",
            "amount",
            "discount",
            "net",
            "tax",
            "gross",
            "shipment",
        ]

    @extend_schema_field(LineShipmentSerializer(allow_null=True))
    def get_shipment(self, line: OrderLine) -> dict[str, Any] | None:
        # The order's fulfilments are prefetched with it: no query here.
        fulfilment = next(
            (f for f in line.order.fulfilments.all() if f.shop_id == line.shop_id),
            None,
        )
        return LineShipmentSerializer(fulfilment).data if fulfilment else None


class FulfilmentShopSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class FulfilmentSerializer(serializers.ModelSerializer):
    shop = FulfilmentShopSerializer()
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = Fulfilment
        fields = [
            "shop",
            "status",
            "status_display",
            "carrier",
            "tracking_number",
            "tracking_url",
            "shipped_at",
            "delivered_at",
        ]


class OrderEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderEvent
        fields = ["type", "from_status", "to_status", "message", "created_at"]


class OrderDetailSerializer(OrderSummarySerializer):
    item_count = None
    subtotal = AmountField(amount="subtotal_amount")
    discount = AmountField(amount="discount_amount")
    shipping = AmountField(amount="shipping_amount")
    net = AmountField(amount="net_amount")
    tax = AmountField(amount="tax_amount")
    refunded = AmountField(amount="refunded_amount")
    shipping_address = OrderAddressSerializer()
    billing_address = OrderAddressSerializer()
    can_cancel = serializers.BooleanField(source="is_cancellable_by_buyer")
    lines = OrderLineSerializer(many=True)
    fulfilments = FulfilmentSerializer(many=True)
    timeline = OrderEventSerializer(source="events", many=True)

    class Meta:
        model = Order
        fields = [
            "number",
            "status",
            "status_display",
            "placed_at",
            "paid_at",
            "cancelled_at",
            "email",
            "currency",
            "subtotal",
            "discount",
            "shipping",
            "net",
            "tax",
            "total",
            "refunded",
            "shipping_address",
            "billing_address",
            "shipping_method_name",
            "voucher_code",
            "payment_method",
            "can_cancel",
            "lines",
            "fulfilments",
            "timeline",
        ]
