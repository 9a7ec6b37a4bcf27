"""Staff admin for the catalog: the category tree, products (variants,
images and attributes inline), offers, brands, attributes and collections.

Categories, brands, collections and product images are written through the
catalog services, so each change publishes its event (the page cache and
the search index follow it) exactly as from any other edge.
"""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
from emporium.catalog.services import (
    add_product_image,
    check_image_upload,
    create_brand,
    create_collection,
    delete_brand,
    delete_category,
    delete_collection,
    record_category_change,
    record_offer_change,
    record_product_change,
    remove_product_image,
    set_collection_products,
    update_brand,
    update_collection,
    update_product_image,
)
from emporium.core.errors import DomainError
from emporium.core.html import sanitize_html

# Products named when a category cannot be deleted (its subtree holds them).
PROTECTED_SHOWN = 10


def _adopt(obj, saved) -> None:
    """Make the admin's unsaved `obj` the row a service created, so the
    admin's log entry and redirect name it."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding, obj._state.db = False, saved._state.db


@admin.register(Category)
class CategoryAdmin(TreeAdmin):
    """Treebeard's form adds and moves nodes itself (it writes before
    `save_model`, even with commit=False), so the form keeps that job and
    `record_category_change` then applies the tree rule (inactive parent,
    inactive subtree) and publishes `category.changed`, in the same
    transaction. Drag-and-drop moves do the same."""

    form = movenodeform_factory(Category)
    list_display = ["name", "slug", "is_active", "position", "updated_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change) -> None:
        wanted_active = obj.is_active
        super().save_model(request, obj, form, change)
        fields = form.changed_data if change else ["created"]
        saved = record_category_change(category_id=obj.pk, fields=fields)
        obj.is_active = saved.is_active
        if wanted_active and not saved.is_active:
            messages.warning(
                request, f"{obj} stays inactive: its parent category is inactive."
            )

    def move_node(self, request):
        with transaction.atomic():
            response = super().move_node(request)
            if response.status_code == 200:
                node_id = int(request.POST["node"])
                record_category_change(category_id=node_id, fields=["parent"])
        return response

    def delete_model(self, request, obj) -> None:
        delete_category(category_id=obj.pk)

    def delete_queryset(self, request, queryset) -> None:
        # Parents first: deleting one takes its descendants with it.
        for category in queryset.order_by("path"):
            if Category.objects.filter(pk=category.pk).exists():
                delete_category(category_id=category.pk)

    def get_deleted_objects(self, objs, request):
        """Products filed below a category protect it too (the collector
        only sees the category's own products)."""
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        for category in objs:
            below = Product.objects.filter(
                category__path__startswith=category.path
            ).exclude(category=category)
            protected += [f"Product: {p}" for p in below[:PROTECTED_SHOWN]]
        return deleted, counts, perms, protected


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        if change:
            update_brand(brand_id=obj.pk, name=data["name"], slug=data["slug"])
        else:
            _adopt(obj, create_brand(name=data["name"], slug=data["slug"]))

    def delete_model(self, request, obj) -> None:
        delete_brand(brand_id=obj.pk)

    def delete_queryset(self, request, queryset) -> None:
        for brand_id in queryset.values_list("pk", flat=True):
            delete_brand(brand_id=brand_id)


class VariantInline(admin.StackedInline):
    model = ProductVariant
    extra = 0
    filter_horizontal = ["option_values"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "option_values":
            # Each value prints as "Option: value"; fetch the options at once.
            kwargs["queryset"] = OptionValue.objects.select_related("option")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ProductImageForm(forms.ModelForm):
    class Meta:
        model = ProductImage
        fields = ["image", "variant", "alt_text", "position"]

    def clean_image(self):
        file = self.cleaned_data["image"]
        if isinstance(file, UploadedFile):
            try:
                check_image_upload(file)
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code=exc.code) from exc
        return file


class ImageInline(admin.TabularInline):
    model = ProductImage
    form = ProductImageForm
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

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Images publish their own events (save_formset); the rest is
        # written by the forms: say what changed, for the cache and search.
        fields = [*form.changed_data]
        fields += [
            formset.prefix
            for formset in formsets
            if formset.model is not ProductImage and formset.has_changed()
        ]
        record_product_change(
            product_id=form.instance.pk, created=not change, fields=fields
        )

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ProductImage:
            super().save_formset(request, form, formset, change)
            return
        # Lists new, changed and deleted rows for the admin log; saves none.
        formset.save(commit=False)
        for image in formset.deleted_objects:
            remove_product_image(image_id=image.pk)
        for image_form in formset.forms:
            if image_form in formset.deleted_forms or not image_form.has_changed():
                continue
            self._save_image(formset.instance.pk, image_form)

    @staticmethod
    def _save_image(product_id: int, image_form: ProductImageForm) -> None:
        """Through the image services: new or replaced files are checked,
        their thumbnails queued and the event published."""
        data = image_form.cleaned_data
        fields = {
            "alt_text": data["alt_text"],
            "position": data["position"],
            "variant_id": data["variant"].pk if data.get("variant") else None,
        }
        if image_form.instance.pk is None:
            add_product_image(product_id=product_id, file=data["image"], **fields)
            return
        if "image" in image_form.changed_data:
            fields["file"] = data["image"]
        update_product_image(image_id=image_form.instance.pk, **fields)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["sku", "shop", "variant", "price_amount", "currency", "is_active"]
    list_filter = ["is_active", "currency"]
    search_fields = ["sku", "variant__product__title", "shop__name"]
    list_select_related = ["shop", "variant"]
    raw_id_fields = ["shop", "variant"]

    def save_model(self, request, obj, form, change) -> None:
        offers = Offer.objects.filter(pk=obj.pk)
        previous = offers.values_list("price_amount", flat=True).first()
        super().save_model(request, obj, form, change)
        # The form wrote the offer; publish what `update_offer` would have.
        record_offer_change(
            offer=obj,
            created=not change,
            fields=form.changed_data,
            previous_amount=previous,
        )


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

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "slug": data["slug"],
            "description": data["description"],
            "is_featured": data["is_featured"],
        }
        if change:
            update_collection(collection_id=obj.pk, **fields)
        else:
            _adopt(obj, create_collection(**fields))

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not CollectionProduct:
            super().save_formset(request, form, formset, change)
            return
        # Lists new, changed and deleted rows for the admin log; saves none:
        # the service replaces the whole ordered list.
        formset.save(commit=False)
        rows = []
        for index, entry in enumerate(formset.forms):
            product = entry.cleaned_data.get("product")
            if product is not None and entry not in formset.deleted_forms:
                rows.append(
                    (entry.cleaned_data.get("position") or 0, index, product.pk)
                )
        set_collection_products(
            collection_id=formset.instance.pk,
            product_ids=[product_id for *_, product_id in sorted(rows)],
        )

    def delete_model(self, request, obj) -> None:
        delete_collection(collection_id=obj.pk)

    def delete_queryset(self, request, queryset) -> None:
        for collection_id in queryset.values_list("pk", flat=True):
            delete_collection(collection_id=collection_id)
