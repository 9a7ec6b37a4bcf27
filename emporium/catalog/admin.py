"""Staff admin for the catalog: the category tree, products (variants,
images and attributes inline), offers, brands, attributes and collections.
"""

from django import forms
from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    AttributeValue,
    Brand,
    Category,
    Collection,
    CollectionProduct,
    Offer,
    Option,
    OptionValue,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.core.html import sanitize_html


@admin.register(Category)
class CategoryAdmin(TreeAdmin):
    form = movenodeform_factory(Category)
    list_display = ["name", "slug", "is_active", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class VariantInline(admin.StackedInline):
    model = ProductVariant
    extra = 0
    filter_horizontal = ["option_values"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "option_values":
            # Each value prints as "Option: value"; fetch the options at once.
            kwargs["queryset"] = OptionValue.objects.select_related("option")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "variant", "alt_text", "position", "width", "height"]
    readonly_fields = ["width", "height"]
    raw_id_fields = ["variant"]


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    extra = 0
    raw_id_fields = ["attribute", "choice"]


class ProductAdminForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = [
            "title",
            "slug",
            "description",
            "status",
            "shop",
            "category",
            "brand",
            "tax_class",
            "is_open_to_other_sellers",
        ]

    def clean_description(self) -> str:
        return sanitize_html(self.cleaned_data["description"])


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductAdminForm
    list_display = ["title", "status", "shop", "category", "brand", "created_at"]
    list_filter = ["status", "tax_class", "is_open_to_other_sellers"]
    search_fields = ["title", "slug"]
    list_select_related = ["shop", "category", "brand"]
    raw_id_fields = ["shop", "category", "brand"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "created_at"
    inlines = [VariantInline, ImageInline, AttributeValueInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["sku", "shop", "variant", "price_amount", "currency", "is_active"]
    list_filter = ["is_active", "currency"]
    search_fields = ["sku", "variant__product__title", "shop__name"]
    list_select_related = ["shop", "variant"]
    raw_id_fields = ["shop", "variant"]


class OptionValueInline(admin.TabularInline):
    model = OptionValue
    extra = 0


@admin.register(Option)
class OptionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    inlines = [OptionValueInline]


class AttributeChoiceInline(admin.TabularInline):
    model = AttributeChoice
    extra = 0
    prepopulated_fields = {"slug": ["value"]}


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "type", "is_filterable", "position"]
    list_filter = ["type", "is_filterable"]
    inlines = [AttributeChoiceInline]


class CollectionProductInline(admin.TabularInline):
    model = CollectionProduct
    extra = 0
    raw_id_fields = ["product"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_featured"]
    list_filter = ["is_featured"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CollectionProductInline]
