"""Serializers of the wishlist API: saved items out, what to save in."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class SavedProductSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    price = serializers.DecimalField(
        source="best_price", max_digits=12, decimal_places=2, allow_null=True
    )
    compare_at_price = serializers.DecimalField(
        source="best_compare_at", max_digits=12, decimal_places=2, allow_null=True
    )
    currency = serializers.CharField(source="best_currency", allow_null=True)
    in_stock = serializers.BooleanField(source="is_in_stock")
    image = serializers.SerializerMethodField(help_text="The first picture's URL.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_image(self, product) -> str | None:
        images = product.ordered_images
        return images[0].image.url if images else None


class SavedShopSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    logo = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_logo(self, shop) -> str | None:
        return shop.logo.url if shop.logo else None


class WishlistItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Remove it by this id.")
    product = SavedProductSerializer(allow_null=True)
    shop = SavedShopSerializer(allow_null=True)
    created_at = serializers.DateTimeField()


class WishlistAddSerializer(serializers.Serializer):
    product = serializers.SlugField(
        required=False, help_text="The slug of a product to save."
    )
    shop = serializers.SlugField(
        required=False, help_text="The slug of a shop to save."
    )

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("product")) == bool(attrs.get("shop")):
            raise serializers.ValidationError("Give a product or a shop, not both.")
        return attrs
