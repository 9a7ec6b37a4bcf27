"""Writes of variants: the buyable forms of a product and their options.

Option values are named by option code and value ({"size": "M"}); a value
new to an existing option is added to it, an unknown option code is an
error (options are set up by staff, they shape the variant picker).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from emporium.catalog.constants import VARIANT_CREATED, VARIANT_UPDATED
from emporium.catalog.errors import (
    DuplicateVariant,
    InvalidVariant,
    LastActiveVariant,
    ProductNotFound,
    VariantNotFound,
)
from emporium.catalog.models import Option, OptionValue, Product, ProductVariant
from emporium.catalog.services.products import UNSET
from emporium.catalog.validators import validate_gtin
from emporium.core.events import publish


def create_variant(
    *,
    product_id: int,
    options: Mapping[str, str] | None = None,
    name: str = "",
    weight_grams: int | None = None,
    barcode: str = "",
    position: int = 0,
) -> ProductVariant:
    """Add a variant to a product; publishes `variant.created`.

    Without a `name` it is made from the option values ("M / Blue").

    Raises:
        ProductNotFound: no product with this id.
        InvalidVariant: an unknown option, a bad barcode, weight or position.
        DuplicateVariant: the product already has a variant with exactly
            these option values.
    """
    _check_fields(weight_grams=weight_grams, barcode=barcode, position=position)
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.", extra={"id": product_id})
        values = _option_values(options or {})
        _refuse_duplicate(product, values)
        variant = ProductVariant.objects.create(
            product=product,
            name=name.strip() or " / ".join(v.value for v in values),
            weight_grams=weight_grams,
            barcode=barcode.strip(),
            position=position,
        )
        variant.option_values.set(values)
        publish(VARIANT_CREATED, {"variant_id": variant.pk, "product_id": product.pk})
    return variant


def update_variant(
    *,
    variant_id: int,
    name: str = UNSET,
    weight_grams: int | None = UNSET,
    barcode: str = UNSET,
    position: int = UNSET,
    is_active: bool = UNSET,
) -> ProductVariant:
    """Change the given fields of a variant; publishes `variant.updated`.

    `is_active=False` archives it (see `archive_variant`), `True` restores it.

    Raises:
        VariantNotFound: no variant with this id.
        InvalidVariant: a bad barcode, weight or position.
        LastActiveVariant: archiving the product's last active variant.
    """
    changes: dict[str, Any] = {}
    if name is not UNSET:
        changes["name"] = name.strip()
    if weight_grams is not UNSET:
        changes["weight_grams"] = weight_grams
    if barcode is not UNSET:
        changes["barcode"] = barcode.strip()
    if position is not UNSET:
        changes["position"] = position
    if is_active is not UNSET:
        changes["is_active"] = bool(is_active)
    _check_fields(
        weight_grams=changes.get("weight_grams"),
        barcode=changes.get("barcode", ""),
        position=changes.get("position", 0),
    )
    with transaction.atomic():
        variants = ProductVariant.objects.select_for_update()
        variant = variants.filter(pk=variant_id).first()
        if variant is None:
            raise VariantNotFound("Variant not found.", extra={"id": variant_id})
        if changes.get("is_active") is False and variant.is_active:
            changes.update(_hand_over_default(variant))
        for field, value in changes.items():
            setattr(variant, field, value)
        variant.save(update_fields=list(changes) or None)
        publish(
            VARIANT_UPDATED,
            {
                "variant_id": variant.pk,
                "product_id": variant.product_id,
                "fields": list(changes),
            },
        )
    return variant


def archive_variant(*, variant_id: int) -> ProductVariant:
    """Archive a variant: its offers stop being visible anywhere (pages, API,
    search, carts), while past orders keep it. The product's default passes
    to its next active variant. Undo with `update_variant(is_active=True)`.

    Raises:
        VariantNotFound: no variant with this id.
        LastActiveVariant: it is the product's last active variant (archive
            the product instead).
    """
    return update_variant(variant_id=variant_id, is_active=False)


def _hand_over_default(variant: ProductVariant) -> dict[str, Any]:
    """Before `variant` is archived (its row locked): refuse if it is the last
    active one, else pass the product's default to the next active variant."""
    others = (
        ProductVariant.objects.select_for_update()
        .filter(product_id=variant.product_id, is_active=True)
        .exclude(pk=variant.pk)
        .order_by("position", "pk")
    )
    successor = others.first()
    if successor is None:
        raise LastActiveVariant(
            "This is the product's last active variant; archive the product instead.",
            extra={"variant_id": variant.pk, "product_id": variant.product_id},
        )
    if not variant.is_default:
        return {}
    # One default per product (a partial unique constraint): clear, then set.
    ProductVariant.objects.filter(pk=variant.pk).update(is_default=False)
    ProductVariant.objects.filter(pk=successor.pk).update(is_default=True)
    return {"is_default": False}


# The largest value of a PositiveIntegerField on every supported database.
MAX_POSITIVE_INT = 2_147_483_647


def _is_count(value: Any) -> bool:
    """A whole number the columns can hold (bools are not numbers here)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value <= MAX_POSITIVE_INT
    )


def _check_fields(*, weight_grams: int | None, barcode: str, position: int = 0) -> None:
    errors: dict[str, list[str]] = {}
    if weight_grams is not None and not _is_count(weight_grams):
        errors["weight_grams"] = ["Enter a whole number of grams, 0 or more."]
    if not _is_count(position):
        errors["position"] = ["Enter a whole number, 0 or more."]
    if barcode and barcode.strip():
        try:
            validate_gtin(barcode.strip())
        except ValidationError as exc:
            errors["barcode"] = list(exc.messages)
    if errors:
        raise InvalidVariant("The variant is invalid.", fields=errors)


def _option_values(options: Mapping[str, str]) -> list[OptionValue]:
    known = Option.objects.in_bulk(list(options), field_name="code")
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InvalidVariant(
            f"Unknown option: {', '.join(unknown)}.",
            fields={code: ["Unknown option."] for code in unknown},
        )
    values = []
    for code, raw in options.items():
        value = str(raw).strip()
        if not value:
            raise InvalidVariant(
                "An option value cannot be empty.", fields={code: ["Enter a value."]}
            )
        option_value, _ = OptionValue.objects.get_or_create(
            option=known[code], value=value
        )
        values.append(option_value)
    return sorted(values, key=lambda v: (v.option.position, v.option.name))


def _refuse_duplicate(product: Product, values: list[OptionValue]) -> None:
    wanted = {v.pk for v in values}
    for variant in product.variants.prefetch_related("option_values"):
        if {v.pk for v in variant.option_values.all()} == wanted:
            raise DuplicateVariant(
                "The product already has a variant with these options.",
                extra={"variant_id": variant.pk},
            )
