"""Products, their variants and option values, and their images."""

from django.db import models
from django.db.models import Exists, OuterRef

from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.models.offers import Offer
from emporium.catalog.validators import validate_gtin


class ProductQuerySet(models.QuerySet):
    def visible(self) -> "ProductQuerySet":
        """Products a buyer may see: active, with at least one visible offer."""
        return self.filter(
            Exists(Offer.objects.visible().filter(variant__product=OuterRef("pk"))),
            status=ProductStatus.ACTIVE,
        )


class Product(models.Model):
    """A catalog product. `description` is sanitised HTML, written by services."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    # The shop that created the product; other shops may offer it too when
    # staff open it to other sellers.
    shop = models.ForeignKey(
        "vendors.Shop", on_delete=models.PROTECT, related_name="products"
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, related_name="products"
    )
    brand = models.ForeignKey(
        "catalog.Brand",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
    )
    tax_class = models.CharField(
        max_length=16, choices=TaxClass.choices, default=TaxClass.STANDARD
    )
    is_open_to_other_sellers = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "category"], name="product_status_cat_idx"),
            models.Index(fields=["created_at"], name="product_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProductStatus.values),
                name="product_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Option(models.Model):
    """A dimension variants differ in: size, colour, material..."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class OptionValue(models.Model):
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="values")
    value = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["option__position", "position", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["option", "value"], name="option_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.option.name}: {self.value}"


class ProductVariant(models.Model):
    """One buyable form of a product (e.g. "M / Blue"); shops offer variants."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants"
    )
    name = models.CharField(max_length=200, blank=True)
    option_values = models.ManyToManyField(
        OptionValue, blank=True, related_name="variants"
    )
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    barcode = models.CharField(
        "barcode (GTIN)", max_length=14, blank=True, validators=[validate_gtin]
    )
    position = models.PositiveIntegerField(default=0)
    is_default = models.BooleanField(default=False)
    # Archived variants stay for the orders that bought them, but their
    # offers are no longer visible (`Offer.objects.visible()`).
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(is_default=True),
                name="variant_one_default_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.name}".strip()


class ProductImage(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images"
    )
    # Set when the image shows one variant (the colour picked, say).
    variant = models.ForeignKey(
        ProductVariant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="images",
    )
    image = models.ImageField(
        upload_to="products/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(max_length=255, blank=True)
    position = models.PositiveIntegerField(default=0)
    # {"160": "products/.../name_160.webp", ...}: written by
    # catalog.images.generate_thumbnails, read for `srcset`.
    thumbnails = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text or self.image.name
