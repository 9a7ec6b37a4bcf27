"""Writes of products: create, change, archive, and their attribute values.

Descriptions are sanitised here (`core.html.sanitize_html`), once, on the
way in. Every change publishes `product.created` or `product.updated`, which
the page cache and the search index follow.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from emporium.catalog.constants import (
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    AttributeType,
    ProductStatus,
    TaxClass,
)
from emporium.catalog.errors import (
    InvalidAttributeValue,
    ProductNotFound,
    SlugTaken,
)
from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Brand,
    Category,
    Product,
    ProductVariant,
)
from emporium.core.events import publish
from emporium.core.html import sanitize_html
from emporium.vendors.models import Shop

UNSET: Any = object()
"""Default of optional keyword arguments: "leave this field as it is"
(distinct from None, which clears a nullable field such as the brand)."""


def _unique_product_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "product"
    taken = Product.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken_slugs = set(taken.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken_slugs:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_product(
    *,
    shop: Shop,
    title: str,
    category: Category,
    description: str = "",
    brand: Brand | None = None,
    tax_class: TaxClass = TaxClass.STANDARD,
    status: ProductStatus = ProductStatus.DRAFT,
    is_open_to_other_sellers: bool = False,
    slug: str = "",
) -> Product:
    """Create a product with one default variant; publishes `product.created`.

    Without a `slug` one is made from the title (numbered when taken).

    Raises:
        SlugTaken: another product already uses the slug given (or, in a
            race, the one made from the title); nothing is created.
    """
    slug = slug or _unique_product_slug(title)
    try:
        with transaction.atomic():
            product = Product.objects.create(
                shop=shop,
                title=title.strip(),
                slug=slug,
                description=sanitize_html(description),
                category=category,
                brand=brand,
                tax_class=TaxClass(tax_class),
                status=ProductStatus(status),
                is_open_to_other_sellers=is_open_to_other_sellers,
            )
            ProductVariant.objects.create(product=product, is_default=True)
            publish(PRODUCT_CREATED, {"product_id": product.pk})
    except IntegrityError as exc:
        raise SlugTaken(
            f"Another product already uses the slug {slug!r}.",
            extra={"slug": slug},
        ) from exc
    return product


def update_product(
    *,
    product_id: int,
    title: str = UNSET,
    description: str = UNSET,
    status: ProductStatus = UNSET,
    category: Category = UNSET,
    brand: Brand | None = UNSET,
    tax_class: TaxClass = UNSET,
    is_open_to_other_sellers: bool = UNSET,
) -> Product:
    """Change the given fields of a product; publishes `product.updated`
    naming the fields. Fields left out keep their value.

    Raises:
        ProductNotFound: no product with this id.
    """
    changes: dict[str, Any] = {}
    if title is not UNSET:
        changes["title"] = title.strip()
    if description is not UNSET:
        changes["description"] = sanitize_html(description)
    if status is not UNSET:
        changes["status"] = ProductStatus(status)
    if category is not UNSET:
        changes["category"] = category
    if brand is not UNSET:
        changes["brand"] = brand
    if tax_class is not UNSET:
        changes["tax_class"] = TaxClass(tax_class)
    if is_open_to_other_sellers is not UNSET:
        changes["is_open_to_other_sellers"] = bool(is_open_to_other_sellers)
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.", extra={"id": product_id})
        for name, value in changes.items():
            setattr(product, name, value)
        fields = [*changes, "updated_at"]
        product.save(update_fields=fields)
        publish(PRODUCT_UPDATED, {"product_id": product.pk, "fields": fields})
    return product


def archive_product(*, product_id: int) -> Product:
    """Take a product off sale everywhere (status archived), keeping its
    data and history for orders that refer to it.

    Raises:
        ProductNotFound: no product with this id.
    """
    return update_product(product_id=product_id, status=ProductStatus.ARCHIVED)


@dataclass(frozen=True)
class AttributeInput:
    """One attribute value as a caller gives it: the attribute's code and a
    raw value (text, number, bool or the slug/value of a choice)."""

    code: str
    value: Any


def set_product_attributes(
    *, product_id: int, values: list[AttributeInput]
) -> list[AttributeValue]:
    """Replace a product's attribute values with `values` (typed, checked).

    A choice attribute takes a list to hold several choices. Publishes
    `product.updated` (facets and filters follow it).

    Raises:
        ProductNotFound: no product with this id.
        InvalidAttributeValue: an unknown code or a value of the wrong type;
            the error names every bad field and nothing changes.
    """
    attributes = Attribute.objects.in_bulk([v.code for v in values], field_name="code")
    rows: list[AttributeValue] = []
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for item in values:
        attribute = attributes.get(item.code)
        if attribute is None:
            errors[item.code] = ["Unknown attribute."]
            continue
        # A second row for one attribute would break its unique constraint.
        if item.code in seen:
            errors[item.code] = ["Given more than once; send a list of choices."]
            continue
        seen.add(item.code)
        try:
            rows.extend(_typed_values(attribute, item.value))
        except InvalidAttributeValue as exc:
            errors[item.code] = [exc.message]
    if errors:
        raise InvalidAttributeValue("Some attribute values are invalid.", fields=errors)
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.", extra={"id": product_id})
        product.attribute_values.all().delete()
        for row in rows:
            row.product = product
        created = AttributeValue.objects.bulk_create(rows)
        product.save(update_fields=["updated_at"])
        publish(PRODUCT_UPDATED, {"product_id": product.pk, "fields": ["attributes"]})
    return created


def _typed_values(attribute: Attribute, raw: Any) -> list[AttributeValue]:
    kind = AttributeType(attribute.type)
    if kind is AttributeType.CHOICE:
        wanted = raw if isinstance(raw, list | tuple) else [raw]
        by_key = {}
        for choice in attribute.choices.all():
            by_key[choice.slug] = choice
            by_key[choice.value.casefold()] = choice
        found = [by_key.get(str(w).strip().casefold()) for w in wanted]
        if not wanted or None in found:
            names = sorted({c.value for c in by_key.values()})
            raise InvalidAttributeValue(f"Choose from: {', '.join(names)}.")
        # "red" and "Red" name one choice: one row (the pair is unique).
        unique = list(dict.fromkeys(found))
        return [AttributeValue(attribute=attribute, choice=c) for c in unique]
    if kind is AttributeType.NUMBER:
        number = _parse_number(raw)
        return [AttributeValue(attribute=attribute, value_number=number)]
    if kind is AttributeType.BOOL:
        return [AttributeValue(attribute=attribute, value_bool=_parse_bool(raw))]
    text = "" if raw is None else str(raw).strip()
    if not text or len(text) > 255:
        raise InvalidAttributeValue("Enter 1 to 255 characters.")
    return [AttributeValue(attribute=attribute, value_text=text)]


# The column holds 14 digits, 4 of them decimals: |n| < 10^10.
NUMBER_PLACES = Decimal("0.0001")
NUMBER_LIMIT = Decimal(10) ** 10


def _parse_number(raw: Any) -> Decimal:
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidAttributeValue("Enter a number.") from None
    if not number.is_finite():
        raise InvalidAttributeValue("Enter a number.")
    if abs(number) < NUMBER_LIMIT:
        number = number.quantize(NUMBER_PLACES, rounding=ROUND_HALF_UP)
    if abs(number) >= NUMBER_LIMIT:
        raise InvalidAttributeValue("Enter a number between -10^10 and 10^10.")
    return number


TRUE_WORDS = frozenset({"1", "true", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "off"})


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InvalidAttributeValue("Enter yes or no.")
