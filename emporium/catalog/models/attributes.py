"""Typed product attributes (filterable facets) and their values."""

from decimal import Decimal

from django.db import models

from emporium.catalog.constants import AttributeType


class Attribute(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=16, choices=AttributeType.choices)
    is_filterable = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class AttributeChoice(models.Model):
    """One allowed value of a `choice` attribute."""

    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, related_name="choices"
    )
    value = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "slug"], name="attribute_choice_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class AttributeValue(models.Model):
    """A product's value of an attribute; the column used follows its type.

    A `choice` attribute may hold several choices (one row each); the other
    types hold one value per product.
    """

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="attribute_values"
    )
    attribute = models.ForeignKey(
        Attribute, on_delete=models.PROTECT, related_name="values"
    )
    value_text = models.CharField(max_length=255, blank=True)
    value_number = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_bool = models.BooleanField(null=True, blank=True)
    choice = models.ForeignKey(
        AttributeChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="product_values",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "attribute"],
                condition=models.Q(choice__isnull=True),
                name="attribute_value_one_per_product",
            ),
            models.UniqueConstraint(
                fields=["product", "attribute", "choice"],
                name="attribute_value_choice_unique",
            ),
        ]
        indexes = [
            # Facet counts and filters go attribute first.
            models.Index(fields=["attribute", "choice"], name="attrval_choice_idx"),
            models.Index(fields=["attribute", "value_number"], name="attrval_num_idx"),
        ]

    def __str__(self) -> str:
        # Ids only: admin inlines print every row, and a query each is N+1.
        return f"attribute {self.attribute_id} of product {self.product_id}"

    @property
    def value(self) -> str | Decimal | bool | None:
        match self.attribute.type:
            case AttributeType.NUMBER:
                return self.value_number
            case AttributeType.BOOL:
                return self.value_bool
            case AttributeType.CHOICE:
                return self.choice.value if self.choice_id else None
        return self.value_text
