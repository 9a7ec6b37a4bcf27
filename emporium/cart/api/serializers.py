"""Serializers of the cart API: input checks and the `CartView` rendering."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.cart.constants import MAX_LINE_QUANTITY, LineStatus, MessageCode
from emporium.core.money import Money
from emporium.pricing.constants import VOUCHER_CODE_MAX_LENGTH

# --- Input --------------------------------------------------------------------


class AddItemSerializer(serializers.Serializer):
    offer = serializers.IntegerField(
        required=False, min_value=1, help_text="The offer id."
    )
    sku = serializers.CharField(
        required=False,
        max_length=64,
        help_text="Instead of `offer`: the best visible offer with this SKU.",
    )
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)

    def validate(self, attrs: dict) -> dict:
        if ("offer" in attrs) == ("sku" in attrs):
            raise serializers.ValidationError("Give either `offer` or `sku`.")
        return attrs


class UpdateItemSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(
        min_value=0, max_value=MAX_LINE_QUANTITY, help_text="0 removes the item."
    )


class VoucherCodeSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=VOUCHER_CODE_MAX_LENGTH)


# --- Output -------------------------------------------------------------------


# Plain string enums in the schema: a named enum component for a field
# called `status` or `code` would collide with other domains' choices.
@extend_schema_field({"type": "string", "enum": LineStatus.values})
class LineStatusField(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "enum": MessageCode.values})
class MessageCodeField(serializers.CharField):
    pass


class MoneySerializer(serializers.Serializer):
    amount = serializers.SerializerMethodField(
        help_text="Decimal string in the currency's minor unit (EUR 2 places)."
    )
    currency = serializers.CharField()

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_amount(self, money: Money) -> str:
        return str(money.quantize().amount)


class CartShopSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CartOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    shop = CartShopSerializer()


class CartProductSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer = CartOfferSerializer(source="line.offer")
    product = CartProductSerializer(source="line.offer.variant.product")
    variant = serializers.CharField(source="variant_label")
    image = serializers.SerializerMethodField()
    quantity = serializers.IntegerField()
    unit_price = MoneySerializer()
    total = MoneySerializer(help_text="Unit price x quantity, before discount.")
    status = LineStatusField()
    previous_unit_price = MoneySerializer(
        allow_null=True, help_text="Set when this read found a new price."
    )
    previous_quantity = serializers.IntegerField(
        allow_null=True, help_text="Set when this read lowered the quantity."
    )
    available_quantity = serializers.IntegerField(
        allow_null=True, help_text="Null when stock does not limit (backorders)."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_image(self, line) -> str | None:
        image = line.image
        return image.image.url if image is not None else None


class CartMessageSerializer(serializers.Serializer):
    code = MessageCodeField()
    detail = serializers.CharField(source="text")
    line_id = serializers.IntegerField(allow_null=True)


class CartVoucherSerializer(serializers.Serializer):
    code = serializers.CharField(source="voucher.code")
    discount = MoneySerializer(source="totals.discount")


class CartSerializer(serializers.Serializer):
    token = serializers.SerializerMethodField(
        help_text="A guest cart's token (send it as `X-Cart-Token`); null for "
        "a signed-in user's cart or no cart yet."
    )
    currency = serializers.CharField(source="summary.currency")
    item_count = serializers.IntegerField(
        source="summary.item_count", help_text="Units of the available items."
    )
    lines = CartLineSerializer(many=True)
    voucher = serializers.SerializerMethodField()
    subtotal = MoneySerializer(source="summary.subtotal")
    discount = MoneySerializer(source="summary.discount_amount")
    total = MoneySerializer(
        source="summary.total",
        help_text="Subtotal less discount, before shipping and tax (checkout).",
    )
    is_ready_for_checkout = serializers.BooleanField()
    messages = CartMessageSerializer(
        many=True, help_text="What changed since the last read; said once."
    )

    @extend_schema_field(OpenApiTypes.UUID)
    def get_token(self, view) -> str | None:
        cart = view.cart
        return str(cart.token) if cart is not None and cart.is_guest else None

    @extend_schema_field(CartVoucherSerializer(allow_null=True))
    def get_voucher(self, view) -> dict | None:
        if view.summary.voucher is None:
            return None
        return CartVoucherSerializer(view.summary).data
