"""Serializers of the vendor catalogue API: products, variants, images,
offers, warehouses, stock and imports of the vendor's own shop.

They build on the staff API's (money fields, attribute values, variant,
offer and stock inputs), subclassed under vendor names so the schema reads
naturally and the rules stay in one place. Inputs check shape and types and
turn amounts into `Money`; ids are passed on as ids, because whether a row
is the shop's is the shop services' rule (another shop's is a 404). Outputs
shape what the shop selectors loaded and never query.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.api.staff import serializers as staff
from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.models import Category

MAX_INT = staff.MAX_INT


# --- Shared pieces --------------------------------------------------------------


class VendorLinkSerializer(staff.StaffLinkSerializer):
    """A related row by id, with its name and slug."""


class VendorOptionValueSerializer(staff.StaffOptionValueSerializer):
    """One option value of a variant (`{"option": "size", "value": "M"}`)."""


class VendorAttributeValueSerializer(staff.StaffAttributeValueSerializer):
    """A product's value of one attribute."""


class VendorMovementSerializer(staff.StaffMovementSerializer):
    """One entry of a stock row's ledger."""


# --- Products -------------------------------------------------------------------


class VendorProductListParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Within titles and the shop's SKUs.",
    )
    status = serializers.ChoiceField(choices=ProductStatus.choices, required=False)


class VendorProductWriteSerializer(staff.StaffProductWriteSerializer):
    """The fields a vendor sets; the shop, slug and opening to other sellers
    are staff's."""

    shop = None
    slug = None
    is_open_to_other_sellers = None
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_active=True),
        help_text="Id of an active category.",
    )


class VendorImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()
    position = serializers.IntegerField()
    variant = serializers.IntegerField(source="variant_id", allow_null=True)
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    thumbnails = serializers.SerializerMethodField(
        help_text="Width to URL of the WebP thumbnails, once made (after upload)."
    )

    def get_url(self, image) -> str:
        return image.image.url

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_thumbnails(self, image) -> dict[str, str]:
        storage = image.image.storage
        return {
            width: storage.url(name)
            for width, name in sorted(image.thumbnails.items(), key=lambda i: int(i[0]))
        }


class VendorProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    category = VendorLinkSerializer()
    brand = VendorLinkSerializer(allow_null=True)
    tax_class = serializers.ChoiceField(choices=TaxClass.choices)
    is_open_to_other_sellers = serializers.BooleanField(
        help_text="Set by staff: other shops may offer it too."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class VendorProductRowSerializer(VendorProductSerializer):
    variant_count = serializers.IntegerField()
    offer_count = serializers.IntegerField(help_text="The shop's own offers of it.")
    image = serializers.SerializerMethodField(help_text="The first image, if any.")

    @extend_schema_field(VendorImageSerializer(allow_null=True))
    def get_image(self, product) -> dict | None:
        images = product.image_list
        return VendorImageSerializer(images[0]).data if images else None


class VendorVariantOfferSerializer(serializers.Serializer):
    """The shop's own offer of a variant."""

    id = serializers.IntegerField()
    sku = serializers.CharField()
    price = staff.PriceField(amount="price_amount")
    currency = serializers.CharField()
    compare_at_price = staff.PriceField(amount="compare_at_amount", allow_null=True)
    is_active = serializers.BooleanField()


class VendorVariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id")
    name = serializers.CharField()
    is_default = serializers.BooleanField()
    is_active = serializers.BooleanField()
    options = VendorOptionValueSerializer(source="option_list", many=True)
    weight_grams = serializers.IntegerField(allow_null=True)
    barcode = serializers.CharField()
    position = serializers.IntegerField()
    offers = VendorVariantOfferSerializer(
        source="shop_offers", many=True, help_text="The shop's own offers only."
    )


class VendorProductDetailSerializer(VendorProductSerializer):
    description = serializers.CharField(help_text="Sanitised HTML.")
    attributes = VendorAttributeValueSerializer(source="attribute_list", many=True)
    variants = VendorVariantSerializer(source="variant_list", many=True)
    images = VendorImageSerializer(source="image_list", many=True)


class VendorAttributeInputSerializer(staff.StaffAttributeInputSerializer):
    """An attribute by code and its value: text, a number, true/false, or a
    choice (value or slug) or a list of them."""


class VendorAttributesSerializer(serializers.Serializer):
    attributes = VendorAttributeInputSerializer(many=True, allow_empty=True)


class VendorVariantCreateSerializer(staff.StaffVariantCreateSerializer):
    """A new variant; without a `name` it is made from the option values."""


class VendorVariantPatchSerializer(staff.StaffVariantPatchSerializer):
    options = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text='Replaces the option values, e.g. {"size": "L"}.',
    )


class VendorImageUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="JPEG, PNG, WebP or GIF, up to 10 MB.")
    alt_text = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    variant = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="A variant's id."
    )
    position = serializers.IntegerField(
        min_value=0,
        max_value=MAX_INT,
        required=False,
        allow_null=True,
        default=None,
        help_text="Left out: after the last image.",
    )


class VendorImageUpdateSerializer(serializers.Serializer):
    alt_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=MAX_INT, required=False)
    variant = serializers.IntegerField(
        required=False, allow_null=True, help_text="A variant's id, or null."
    )


# --- Offers ---------------------------------------------------------------------


class VendorOfferListParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Within SKUs and product titles.",
    )
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)


class VendorOfferProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    shop = serializers.SlugField(
        source="shop.slug", help_text="The shop that created the product."
    )


class VendorOfferVariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()
    product = VendorOfferProductSerializer()


class VendorOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    price = staff.PriceField(amount="price_amount")
    currency = serializers.CharField()
    compare_at_price = staff.PriceField(amount="compare_at_amount", allow_null=True)
    is_active = serializers.BooleanField()
    available_quantity = serializers.IntegerField(
        help_text="On hand minus reserved, over the active warehouses."
    )
    variant = VendorOfferVariantSerializer()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class VendorStockWarehouseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.SlugField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()


class VendorOfferStockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    warehouse = VendorStockWarehouseSerializer()
    quantity_on_hand = serializers.IntegerField()
    quantity_reserved = serializers.IntegerField()
    quantity_available = serializers.IntegerField()
    backorder_allowed = serializers.BooleanField()
    low_stock_threshold = serializers.IntegerField()
    is_low = serializers.BooleanField()


class VendorOfferDetailSerializer(VendorOfferSerializer):
    options = VendorOptionValueSerializer(source="variant.option_list", many=True)
    stock = VendorOfferStockSerializer(source="stock_list", many=True)


class VendorOfferCreateSerializer(serializers.Serializer):
    variant = serializers.IntegerField(
        help_text="Id of a variant of the shop's own product, or of another "
        "shop's product open to other sellers."
    )
    sku = serializers.CharField(max_length=64)
    price = staff.AmountField()
    currency = serializers.CharField(help_text="ISO 4217 code, e.g. EUR.")
    compare_at_price = staff.AmountField(required=False, allow_null=True)
    warehouse = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="One of the shop's warehouses, for the opening stock.",
    )
    quantity = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, default=0, help_text="Opening stock."
    )

    def validate(self, attrs: dict) -> dict:
        currency = attrs.pop("currency").upper()
        attrs["price"] = staff.to_money(attrs["price"], currency, field="price")
        if attrs.get("compare_at_price") is not None:
            attrs["compare_at_price"] = staff.to_money(
                attrs["compare_at_price"], currency, field="compare_at_price"
            )
        return attrs


class VendorOfferUpdateSerializer(staff.StaffOfferUpdateSerializer):
    """Amounts in the offer's currency; `compare_at_price: null` removes it."""


class VendorOpenProductParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Within titles."
    )


class VendorOpenVariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    options = VendorOptionValueSerializer(source="option_list", many=True)
    offered_as = serializers.SerializerMethodField(
        help_text="The SKU of the shop's offer of it, or null."
    )

    def get_offered_as(self, variant) -> str | None:
        offers = variant.shop_offers
        return offers[0].sku if offers else None


class VendorOpenProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    shop = VendorLinkSerializer(help_text="The shop that created it.")
    category = VendorLinkSerializer()
    brand = VendorLinkSerializer(allow_null=True)
    variants = VendorOpenVariantSerializer(source="variant_list", many=True)


# --- Warehouses and stock -------------------------------------------------------


class VendorWarehouseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.SlugField()
    line1 = serializers.CharField()
    line2 = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    postal_code = serializers.CharField()
    country = serializers.CharField(source="country.code")
    is_active = serializers.BooleanField()


class VendorWarehouseWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    code = serializers.SlugField(
        max_length=40, help_text="Unique in the shop; CSV columns name it."
    )
    line1 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    city = serializers.CharField(max_length=120, required=False, allow_blank=True)
    region = serializers.CharField(max_length=120, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    country = serializers.CharField(
        min_length=2, max_length=2, help_text="ISO 3166 code, e.g. DE."
    )
    is_active = serializers.BooleanField(
        required=False, help_text="Units in inactive warehouses are not available."
    )


class VendorStockListParamsSerializer(serializers.Serializer):
    warehouse = serializers.IntegerField(required=False, help_text="Warehouse id.")
    offer = serializers.IntegerField(required=False, help_text="Offer id.")
    is_low = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="At or below the low-stock threshold (true) or above it.",
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Within SKUs and product titles.",
    )


class VendorStockOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    variant = serializers.CharField(source="variant.name")
    product = serializers.CharField(source="variant.product.title")


class VendorStockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer = VendorStockOfferSerializer()
    warehouse = VendorStockWarehouseSerializer()
    quantity_on_hand = serializers.IntegerField()
    quantity_reserved = serializers.IntegerField()
    quantity_available = serializers.IntegerField()
    backorder_allowed = serializers.BooleanField()
    low_stock_threshold = serializers.IntegerField()
    is_low = serializers.BooleanField(
        help_text="Available units at or below the threshold."
    )
    updated_at = serializers.DateTimeField()


class VendorStockDetailSerializer(VendorStockSerializer):
    movements = VendorMovementSerializer(
        source="latest_movements", many=True, help_text="The latest, newest first."
    )


class VendorStockCreateSerializer(serializers.Serializer):
    offer = serializers.IntegerField(help_text="One of the shop's offers.")
    warehouse = serializers.IntegerField(help_text="One of the shop's warehouses.")
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_INT, default=0)
    backorder_allowed = serializers.BooleanField(default=False)
    low_stock_threshold = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False
    )


class VendorStockUpdateSerializer(staff.StaffStockUpdateSerializer):
    """Quantities change through adjustments only."""


class VendorAdjustmentSerializer(staff.StaffAdjustmentSerializer):
    """Units to add (negative to remove) with the reason for the ledger."""


# --- Import and export ----------------------------------------------------------


class VendorImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The CSV (docs/catalog-import.md).")
    dry_run = serializers.BooleanField(
        default=False, help_text="Check and count only; import nothing."
    )


class VendorImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The header is line 1.")
    column = serializers.CharField()
    message = serializers.CharField()


class VendorImportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="`succeeded` or `failed`.")
    is_dry_run = serializers.BooleanField()
    created = serializers.IntegerField(source="created_count")
    updated = serializers.IntegerField(source="updated_count")
    unchanged = serializers.IntegerField(source="unchanged_count")
    errors = VendorImportErrorSerializer(many=True)
    uploaded_by = serializers.EmailField(source="uploaded_by.email", allow_null=True)
    created_at = serializers.DateTimeField()

    def get_file_name(self, record: Any) -> str:
        return record.file.name.rsplit("/", 1)[-1]
