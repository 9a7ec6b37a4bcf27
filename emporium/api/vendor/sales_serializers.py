"""Shapes of the vendor sales API: what goes out (orders as the shop sees
them, sales figures, the ledger and payouts) and the little that comes in
(tracking, a date range, a ledger filter).

Amounts are decimal strings with the currency's minor unit ("19.99", JPY
"2000"), next to a `currency`. Nothing here decides anything: the rules
are in orders and payouts.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.core.money import Money
from emporium.orders.api.serializers import AmountField, OrderAddressSerializer
from emporium.orders.constants import FulfilmentStatus
from emporium.orders.models import Fulfilment, OrderLine
from emporium.payouts.constants import EntryKind, PayoutStatus
from emporium.payouts.models import LedgerEntry, Payout

AMOUNT_SCHEMA = {"type": "string", "format": "decimal", "example": "19.99"}


@extend_schema_field(AMOUNT_SCHEMA)
class MoneyField(serializers.Field):
    """A `Money` attribute as its amount, rounded to the minor unit."""

    def __init__(self, **kwargs: Any):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Money) -> str:
        return str(value.quantize().amount)


# --- Orders (fulfilments) -------------------------------------------------------


class VendorFulfilmentSerializer(serializers.ModelSerializer):
    """A row of the shop's orders: its part of one order."""

    order_number = serializers.CharField(source="order.number")
    placed_at = serializers.DateTimeField(source="order.placed_at")
    order_status = serializers.CharField(source="order.status")
    status_display = serializers.CharField(source="get_status_display")
    buyer_name = serializers.SerializerMethodField()
    currency = serializers.CharField(source="order.currency")
    item_count = serializers.IntegerField(help_text="Units of the shop's lines.")
    items_total = serializers.SerializerMethodField(
        help_text="The shop's lines as the buyer paid them (gross)."
    )
    shipping = serializers.SerializerMethodField(
        help_text="What the buyer paid for the shop's parcel."
    )

    class Meta:
        model = Fulfilment
        fields = [
            "id",
            "order_number",
            "placed_at",
            "order_status",
            "status",
            "status_display",
            "buyer_name",
            "currency",
            "item_count",
            "items_total",
            "shipping",
            "carrier",
            "tracking_number",
            "tracking_url",
            "shipped_at",
            "delivered_at",
        ]

    def get_buyer_name(self, fulfilment: Fulfilment) -> str:
        address = fulfilment.order.shipping_address
        return f"{address.get('first_name', '')} {address.get('last_name', '')}".strip()

    @extend_schema_field(AMOUNT_SCHEMA)
    def get_items_total(self, fulfilment: Fulfilment) -> str:
        amount = Money(fulfilment.goods_amount, fulfilment.order.currency)
        return str(amount.quantize().amount)

    @extend_schema_field(AMOUNT_SCHEMA)
    def get_shipping(self, fulfilment: Fulfilment) -> str:
        amount = Money(fulfilment.shipping_amount, fulfilment.order.currency)
        return str(amount.quantize().amount)


class VendorOrderLineSerializer(serializers.ModelSerializer):
    offer = serializers.IntegerField(source="offer_id")
    unit_price = AmountField(amount="unit_price_amount")
    amount = AmountField(amount="amount", help_text="Unit x quantity, as entered.")
    discount = AmountField(amount="discount_amount")
    net = AmountField(amount="net_amount")
    tax = AmountField(amount="tax_amount")
    gross = AmountField(amount="gross_amount")

    class Meta:
        model = OrderLine
        fields = [
            "offer",
            "product_title",
            "variant_name",
            "sku",
            "quantity",
            "unit_price",
            "tax_rate",
            "amount",
            "discount",
            "net",
            "tax",
            "gross",
            "commission_rate",
        ]


class VendorOrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    placed_at = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(allow_null=True)
    currency = serializers.CharField()
    shipping_method_name = serializers.CharField()


class VendorFulfilmentDetailSerializer(serializers.Serializer):
    """The shop's part of an order: its lines only, where to ship, what the
    buyer paid the shop. Never other shops' lines or the payment."""

    id = serializers.IntegerField(source="fulfilment.pk")
    order = VendorOrderSerializer()
    status = serializers.ChoiceField(
        source="fulfilment.status", choices=FulfilmentStatus.choices
    )
    status_display = serializers.CharField(source="fulfilment.get_status_display")
    carrier = serializers.CharField(source="fulfilment.carrier")
    tracking_number = serializers.CharField(source="fulfilment.tracking_number")
    tracking_url = serializers.CharField(source="fulfilment.tracking_url")
    shipped_at = serializers.DateTimeField(
        source="fulfilment.shipped_at", allow_null=True
    )
    delivered_at = serializers.DateTimeField(
        source="fulfilment.delivered_at", allow_null=True
    )
    shipping_address = OrderAddressSerializer(source="order.shipping_address")
    lines = VendorOrderLineSerializer(many=True)
    items_total = MoneyField(source="goods")
    shipping = MoneyField()
    total = MoneyField()
    refunded = MoneyField(help_text="Refunds taken from the shop's part.")
    can_ship = serializers.BooleanField(source="is_ready_to_ship")
    can_mark_delivered = serializers.BooleanField(source="can_be_marked_delivered")


class ShipSerializer(serializers.Serializer):
    carrier = serializers.CharField(max_length=60, required=False, allow_blank=True)
    tracking_number = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    tracking_url = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="An http(s) link the buyer can follow.",
    )


class FulfilmentFilterSerializer(serializers.Serializer):
    """The list's filters: `status`, and `from` / `to` (days placed)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            "status": serializers.ChoiceField(
                choices=FulfilmentStatus.choices, required=False, allow_blank=True
            ),
            "from": serializers.DateField(required=False, source="placed_from"),
            "to": serializers.DateField(required=False, source="placed_to"),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("placed_from"), attrs.get("placed_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"from": ["Choose a day on or before the end."]}
            )
        return attrs


# --- Overview -------------------------------------------------------------------


class SalesRangeSerializer(serializers.Serializer):
    """`from` and `to`: days as YYYY-MM-DD, both inclusive, both optional."""

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword, so the fields are named here.
        return {
            "from": serializers.DateField(
                required=False,
                source="start",
                help_text="First day (default: 29 days before `to`).",
            ),
            "to": serializers.DateField(
                required=False, source="end", help_text="Last day (default: today)."
            ),
        }


class DaySalesSerializer(serializers.Serializer):
    day = serializers.DateField()
    revenue = MoneyField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()


class ProductSalesSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    title = serializers.CharField()
    units = serializers.IntegerField()
    revenue = MoneyField()


class SalesSummarySerializer(serializers.Serializer):
    currency = serializers.CharField()
    revenue = MoneyField(help_text="The shop's lines of paid orders, gross.")
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    average_order_value = MoneyField()
    top_products = ProductSalesSerializer(many=True)
    days = DaySalesSerializer(many=True)


class OverviewSerializer(serializers.Serializer):
    period = SalesRangeSerializer()
    sales = SalesSummarySerializer(
        many=True, help_text="One entry per currency sold in, the shop's first."
    )


# --- Money ----------------------------------------------------------------------


class BalanceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    available = MoneyField(help_text="Due, not paid out yet (may be negative).")
    pending = MoneyField(help_text="Held until delivery or the end of the hold.")
    in_payout = MoneyField(help_text="In payouts being paid.")
    paid_out = MoneyField()


class BalancesSerializer(serializers.Serializer):
    hold_days = serializers.IntegerField(
        help_text="Days after shipping before earnings are due (delivery: at once)."
    )
    balances = BalanceSerializer(many=True)


class LedgerFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=EntryKind.choices, required=False, allow_blank=True
    )


class LedgerEntrySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    amount = AmountField(amount="amount", help_text="Signed: + owed to the shop.")
    order_number = serializers.CharField(source="order.number", allow_null=True)
    fulfilment = serializers.IntegerField(source="fulfilment_id", allow_null=True)
    payout = serializers.IntegerField(source="payout_id", allow_null=True)
    state = serializers.SerializerMethodField(
        help_text="`held`, `available`, or `settled` (in a payout)."
    )

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "created_at",
            "kind",
            "kind_display",
            "amount",
            "currency",
            "order_number",
            "fulfilment",
            "payout",
            "state",
            "description",
        ]

    def get_state(self, entry: LedgerEntry) -> str:
        if entry.payout_id:
            return "settled"
        return "available" if entry.is_due else "held"


class PayoutSerializer(serializers.ModelSerializer):
    amount = AmountField(amount="amount")
    status = serializers.ChoiceField(choices=PayoutStatus.choices)
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = Payout
        fields = [
            "id",
            "amount",
            "currency",
            "status",
            "status_display",
            "reference",
            "failure_reason",
            "created_at",
            "paid_at",
            "failed_at",
        ]
