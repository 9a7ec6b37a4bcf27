"""Giving an existing variant its option values.

Separate from `variants.py` because only imports need it so far: creating a
product makes a default variant without options, and a file whose product
comes in sizes gives that first variant its size instead of adding another.
"""

from collections.abc import Mapping

from django.db import transaction

from emporium.catalog.constants import VARIANT_UPDATED
from emporium.catalog.errors import DuplicateVariant, VariantNotFound
from emporium.catalog.models import OptionValue, ProductVariant
from emporium.catalog.services.variants import _option_values
from emporium.core.events import publish


def set_variant_options(
    *, variant_id: int, options: Mapping[str, str]
) -> ProductVariant:
    """Replace a variant's option values with `options` ({"size": "M"}).

    A variant without a name of its own (none, or the one made from its old
    options) is renamed after the new ones ("M / Blue"). Publishes
    `variant.updated`.

    Raises:
        VariantNotFound: no variant with this id.
        InvalidVariant: an unknown option or an empty value.
        DuplicateVariant: another variant of the product has these options.
    """
    with transaction.atomic():
        variant = (
            ProductVariant.objects.select_for_update()
            .select_related("product")
            .filter(pk=variant_id)
            .first()
        )
        if variant is None:
            raise VariantNotFound("Variant not found.", extra={"id": variant_id})
        old_name = " / ".join(v.value for v in variant.option_values.all())
        values = _option_values(options)
        _refuse_duplicate(variant, values)
        variant.option_values.set(values)
        fields = ["option_values"]
        if variant.name in ("", old_name):
            variant.name = " / ".join(v.value for v in values)
            variant.save(update_fields=["name"])
            fields.append("name")
        publish(
            VARIANT_UPDATED,
            {
                "variant_id": variant.pk,
                "product_id": variant.product_id,
                "fields": fields,
            },
        )
    return variant


def _refuse_duplicate(variant: ProductVariant, values: list[OptionValue]) -> None:
    wanted = {v.pk for v in values}
    others = variant.product.variants.exclude(pk=variant.pk)
    for other in others.prefetch_related("option_values"):
        if {v.pk for v in other.option_values.all()} == wanted:
            raise DuplicateVariant(
                "The product already has a variant with these options.",
                extra={"variant_id": other.pk},
            )
