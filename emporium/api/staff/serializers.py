"""Serializers of the staff API: request bodies in, catalog and stock out.

Input serializers check shape and types, resolve ids to rows (an unknown id
is a 400 naming the field) and turn amounts into `Money`; the rules
(negative prices, duplicate SKUs, which warehouse) are the services'. Output
serializers shape what the selectors loaded and never query.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.catalog.constants import AttributeType, ProductStatus, TaxClass
from emporium.catalog.models import Brand, Category, Offer, ProductVariant
from emporium.core.errors import InvalidInput
from emporium.core.money import AMOUNT_MAX_DIGITS, Money
from emporium.inventory.constants import MANUAL_MOVEMENT_REASONS
from emporium.inventory.models import Warehouse
from emporium.vendors.models import Shop

# The integer columns hold 2^31 - 1.
MAX_INT = 2_147_483_647
# One staff adjustment moves at most this many units (a typo guard).
MAX_DELTA = 1_000_000
AMOUNT_SCHEMA = {"type": "string", "format": "decimal", "example": "19.99"}


# --- Money ----------------------------------------------------------------------


@extend_schema_field(AMOUNT_SCHEMA)
class AmountField(serializers.Field):
    """An amount as a decimal string ("19.99"). JSON numbers are refused: a
    float cannot hold most prices exactly."""

    default_error_messages = {
        "not_a_string": 'Send the amount as a decimal string, e.g. "19.99".',
        "invalid": "Enter a decimal amount.",
    }

    def to_internal_value(self, data: Any) -> Decimal:
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            amount = Decimal(data.strip())
        except InvalidOperation:
            self.fail("invalid")
        if not amount.is_finite():
            self.fail("invalid")
        return amount

    def to_representation(self, value: Decimal) -> str:
        return str(value)


@extend_schema_field(AMOUNT_SCHEMA)
class PriceField(serializers.Field):
    """An offer's amount, printed with its currency's minor unit ("19.99",
    JPY "2000", KWD "1.235")."""

    def __init__(self, *, amount: str, **kwargs: Any):
        self.amount = amount
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, offer: Offer) -> str | None:
        value = getattr(offer, self.amount)
        if value is None:
            return None
        return str(Money(value, offer.currency).quantize().amount)


def to_money(amount: Decimal, currency: str, *, field: str) -> Money:
    """`Money` from a parsed amount, refusing more decimals than the currency
    has (19.999 EUR) under the name `field`, and an unknown currency."""
    try:
        money = Money(amount, currency)
    except InvalidInput as exc:
        raise serializers.ValidationError({"currency": [exc.message]}) from exc
    # Too large an amount is the service's to refuse (and too large to round).
    if amount.adjusted() < AMOUNT_MAX_DIGITS and money.quantize().amount != amount:
        raise serializers.ValidationError(
            {field: [f"Too many decimal places for {currency}."]}
        )
    return money


# --- Links ----------------------------------------------------------------------


class StaffLinkSerializer(serializers.Serializer):
    """A related row by id, with its name and slug for people."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()


# --- Products -------------------------------------------------------------------


class StaffProductListParamsSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProductStatus.choices, required=False)
    shop = serializers.PrimaryKeyRelatedField(
        queryset=Shop.objects.all(), required=False, help_text="Shop id."
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(),
        required=False,
        help_text="Category id; includes its subcategories.",
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Within titles."
    )


class StaffProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    shop = StaffLinkSerializer()
    category = StaffLinkSerializer()
    brand = StaffLinkSerializer(allow_null=True)
    tax_class = serializers.ChoiceField(choices=TaxClass.choices)
    is_open_to_other_sellers = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class StaffProductWriteSerializer(serializers.Serializer):
    """The fields of `create_product` / `update_product`, by id."""

    shop = serializers.PrimaryKeyRelatedField(queryset=Shop.objects.all())
    title = serializers.CharField(max_length=200)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    description = serializers.CharField(
        required=False, allow_blank=True, help_text="HTML; sanitised on save."
    )
    brand = serializers.PrimaryKeyRelatedField(
        queryset=Brand.objects.all(), required=False, allow_null=True
    )
    tax_class = serializers.ChoiceField(choices=TaxClass.choices, required=False)
    status = serializers.ChoiceField(choices=ProductStatus.choices, required=False)
    is_open_to_other_sellers = serializers.BooleanField(required=False)
    slug = serializers.SlugField(
        max_length=220,
        required=False,
        help_text="Made from the title when left out; fixed afterwards.",
    )


class StaffProductUpdateSerializer(StaffProductWriteSerializer):
    # The shop and the slug stay as created.
    shop = None
    slug = None


class StaffAttributeValueSerializer(serializers.Serializer):
    code = serializers.CharField(source="attribute.code")
    name = serializers.CharField(source="attribute.name")
    value = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.ANY)
    def get_value(self, row) -> Any:
        value = row.value
        if row.attribute.type == AttributeType.NUMBER and value is not None:
            return str(value.normalize())
        return value


@extend_schema_field(OpenApiTypes.ANY)
class AttributeRawValueField(serializers.JSONField):
    """Text, a number, true/false, or a list of choices (values or slugs)."""

    def to_internal_value(self, data: Any) -> Any:
        flat = data if isinstance(data, list) else [data]
        if any(isinstance(item, dict | list) or item is None for item in flat):
            raise serializers.ValidationError(
                "Enter text, a number, true/false or a list of choices."
            )
        return data


class StaffAttributeInputSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=64)
    value = AttributeRawValueField()


class StaffAttributesSerializer(serializers.Serializer):
    attributes = StaffAttributeInputSerializer(many=True, allow_empty=True)


# --- Variants and offers --------------------------------------------------------


class StaffOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    variant = serializers.IntegerField(source="variant_id")
    shop = StaffLinkSerializer()
    sku = serializers.CharField()
    price = PriceField(amount="price_amount")
    currency = serializers.CharField()
    compare_at_price = PriceField(amount="compare_at_amount", allow_null=True)
    is_active = serializers.BooleanField()
    available_quantity = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class StaffOptionValueSerializer(serializers.Serializer):
    option = serializers.CharField(source="option.code")
    value = serializers.CharField()


class StaffVariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id")
    name = serializers.CharField()
    is_default = serializers.BooleanField()
    is_active = serializers.BooleanField()
    options = StaffOptionValueSerializer(source="staff_options", many=True)
    weight_grams = serializers.IntegerField(allow_null=True)
    barcode = serializers.CharField()
    position = serializers.IntegerField()
    offers = StaffOfferSerializer(source="staff_offers", many=True)


class StaffProductDetailSerializer(StaffProductSerializer):
    description = serializers.CharField()
    attributes = StaffAttributeValueSerializer(source="staff_attributes", many=True)
    variants = StaffVariantSerializer(source="staff_variants", many=True)


class StaffVariantUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    weight_grams = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False, allow_null=True
    )
    barcode = serializers.CharField(
        max_length=14, required=False, allow_blank=True, help_text="GTIN-8/12/13/14."
    )
    position = serializers.IntegerField(min_value=0, max_value=MAX_INT, required=False)


class StaffVariantPatchSerializer(StaffVariantUpdateSerializer):
    is_active = serializers.BooleanField(
        required=False, help_text="false archives the variant, true restores it."
    )


class StaffVariantCreateSerializer(StaffVariantUpdateSerializer):
    options = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text='Option code to value, e.g. {"size": "M"}.',
    )


class StaffOfferCreateSerializer(serializers.Serializer):
    variant = serializers.PrimaryKeyRelatedField(
        queryset=ProductVariant.objects.select_related("product")
    )
    shop = serializers.PrimaryKeyRelatedField(queryset=Shop.objects.all())
    sku = serializers.CharField(max_length=64)
    price = AmountField()
    currency = serializers.CharField(help_text="ISO 4217 code, e.g. EUR.")
    compare_at_price = AmountField(required=False, allow_null=True)

    def validate(self, attrs: dict) -> dict:
        currency = attrs.pop("currency").upper()
        attrs["price"] = to_money(attrs["price"], currency, field="price")
        if attrs.get("compare_at_price") is not None:
            attrs["compare_at_price"] = to_money(
                attrs["compare_at_price"], currency, field="compare_at_price"
            )
        return attrs


class StaffOfferUpdateSerializer(serializers.Serializer):
    """Amounts are in the offer's currency (context `currency`)."""

    price = AmountField(required=False)
    compare_at_price = AmountField(required=False, allow_null=True)
    sku = serializers.CharField(max_length=64, required=False)
    is_active = serializers.BooleanField(required=False)

    def validate(self, attrs: dict) -> dict:
        currency = self.context["currency"]
        for field in ("price", "compare_at_price"):
            if attrs.get(field) is not None:
                attrs[field] = to_money(attrs[field], currency, field=field)
        return attrs


# --- Stock ----------------------------------------------------------------------


class StaffStockListParamsSerializer(serializers.Serializer):
    offer = serializers.PrimaryKeyRelatedField(
        queryset=Offer.objects.all(), required=False, help_text="Offer id."
    )
    warehouse = serializers.PrimaryKeyRelatedField(
        queryset=Warehouse.objects.all(), required=False, help_text="Warehouse id."
    )
    shop = serializers.PrimaryKeyRelatedField(
        queryset=Shop.objects.all(), required=False, help_text="Shop id."
    )
    is_low = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="At or below the low-stock threshold (true) or above it.",
    )


class StaffStockOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    variant = serializers.IntegerField(source="variant_id")
    shop = StaffLinkSerializer()


class StaffWarehouseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    shop = serializers.IntegerField(source="shop_id")
    name = serializers.CharField()
    code = serializers.SlugField()
    city = serializers.CharField()
    country = serializers.CharField(source="country.code")
    is_active = serializers.BooleanField()


class StaffStockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer = StaffStockOfferSerializer()
    warehouse = StaffWarehouseSerializer()
    quantity_on_hand = serializers.IntegerField()
    quantity_reserved = serializers.IntegerField()
    quantity_available = serializers.IntegerField()
    backorder_allowed = serializers.BooleanField()
    low_stock_threshold = serializers.IntegerField()
    is_low = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


class StaffMovementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    delta = serializers.IntegerField()
    reason = serializers.CharField()
    quantity_after = serializers.IntegerField()
    note = serializers.CharField()
    actor = serializers.EmailField(source="actor.email", allow_null=True)
    created_at = serializers.DateTimeField()


class StaffStockDetailSerializer(StaffStockSerializer):
    movements = StaffMovementSerializer(
        source="latest_movements", many=True, help_text="The latest, newest first."
    )


class StaffStockCreateSerializer(serializers.Serializer):
    offer = serializers.PrimaryKeyRelatedField(queryset=Offer.objects.all())
    warehouse = serializers.PrimaryKeyRelatedField(queryset=Warehouse.objects.all())
    quantity = serializers.IntegerField(max_value=MAX_INT, default=0)
    backorder_allowed = serializers.BooleanField(default=False)
    low_stock_threshold = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False
    )


class StaffStockUpdateSerializer(serializers.Serializer):
    backorder_allowed = serializers.BooleanField(required=False)
    low_stock_threshold = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False
    )


class StaffAdjustmentSerializer(serializers.Serializer):
    delta = serializers.IntegerField(
        min_value=-MAX_DELTA,
        max_value=MAX_DELTA,
        help_text="Units to add (negative to remove), not zero.",
    )
    reason = serializers.ChoiceField(choices=MANUAL_MOVEMENT_REASONS)
    note = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class StaffWarehouseListParamsSerializer(serializers.Serializer):
    shop = serializers.PrimaryKeyRelatedField(
        queryset=Shop.objects.all(), required=False, help_text="Shop id."
    )
