"""Checking a catalog file line by line and turning it into an `ImportPlan`.

`plan_catalog_import(data, shop=)` reads the file (`parsing`), loads what it
names in bulk (`lookups`), checks each line against them (shop, category,
brand, warehouses, attribute values) and the lines against each other
(duplicate SKUs, the lines of one product agreeing, a shop offering a
variant once), then compares with what exists and keeps only the changes.
It writes nothing, and queries nothing after the lookups. Every error of
every line is collected; any error raises `InvalidCatalogFile` with all.
"""

from typing import Any

from django.db.models import Model

from emporium.catalog.models import Product, ProductVariant
from emporium.catalog.services import UNSET
from emporium.catalog_io import csv_format as fmt
from emporium.catalog_io.attribute_cells import attribute_inputs, stored_values
from emporium.catalog_io.errors import InvalidCatalogFile, RowError
from emporium.catalog_io.line_checks import LineChecker, duplicate_skus, shown
from emporium.catalog_io.lookups import Lookups, load_lookups
from emporium.catalog_io.offer_planning import plan_offer
from emporium.catalog_io.parsing import RowInput, parse_row, read_table
from emporium.catalog_io.plans import (
    ImportPlan,
    OfferPlan,
    ProductPlan,
    VariantKey,
    VariantPlan,
)
from emporium.core.html import sanitize_html
from emporium.vendors.models import Shop

# (RowInput attribute, column) of the fields one product's lines share.
PRODUCT_FIELDS = [(column, column) for column in fmt.PRODUCT_FIELD_COLUMNS]
VARIANT_FIELDS = [(fmt.WEIGHT_GRAMS, fmt.WEIGHT_GRAMS), (fmt.BARCODE, fmt.BARCODE)]


def plan_catalog_import(data: bytes, *, shop: Shop | None = None) -> ImportPlan:
    """Check the whole file and plan the writes it needs; write nothing.

    With `shop`, only that shop's lines are accepted (a vendor's import).

    Raises:
        InvalidCatalogFile: every error of the file, each with its line.
    """
    table = read_table(data)
    parsed = [parse_row(record) for record in table.records]
    rows = [row for row, _ in parsed]
    errors = [error for _, row_errors in parsed for error in row_errors]
    lookups = load_lookups(
        rows=rows,
        option_codes=_codes(table.columns, fmt.OPTION_PREFIX),
        attribute_codes=_codes(table.columns, fmt.ATTRIBUTE_PREFIX),
    )
    checker = LineChecker(lookups, shop)
    errors += checker.check_header(table.columns)
    errors += duplicate_skus(rows)
    for row in rows:
        errors += checker.check(row)
    bad_lines = {error.line for error in errors}
    planner = _Planner(lookups, checker.attributes, only_shop=shop)
    plan = planner.plan([row for row in rows if row.line not in bad_lines])
    errors += planner.errors
    if errors:
        raise InvalidCatalogFile(errors)
    return plan


def _codes(columns: tuple[str, ...], prefix: str) -> list[str]:
    return [name[len(prefix) :] for name in columns if name.startswith(prefix)]


def _option_map(variant: ProductVariant) -> dict[str, str]:
    return {value.option.code: value.value for value in variant.option_values.all()}


def _same(wanted: Any, current: Any) -> bool:
    if isinstance(wanted, Model):
        wanted = wanted.pk
    return wanted == current


class _Planner:
    """Compares sound lines with what exists; collects the writes needed."""

    def __init__(
        self,
        lookups: Lookups,
        attributes: dict[int, dict[str, Any]],
        *,
        only_shop: Shop | None = None,
    ):
        self.lookups = lookups
        self.attributes = attributes
        # A vendor's import never names another shop in its messages.
        self.only_shop = only_shop
        self.errors: list[RowError] = []
        self.products: list[ProductPlan] = []
        self.variants: list[VariantPlan] = []
        self.offers: list[OfferPlan] = []

    def error(self, row: RowInput, column: str, message: str) -> None:
        self.errors.append(RowError(row.line, column, message))

    def shop(self, row: RowInput) -> Shop:
        return self.lookups.shops[row.shop]

    def plan(self, rows: list[RowInput]) -> ImportPlan:
        groups: dict[str, list[RowInput]] = {}
        for row in rows:
            groups.setdefault(row.product_slug, []).append(row)
        for slug, group in groups.items():
            self._plan_product(slug, group)
        return ImportPlan(
            products=tuple(self.products),
            variants=tuple(self.variants),
            offers=tuple(sorted(self.offers, key=lambda offer: offer.line)),
        )

    def _plan_product(self, slug: str, rows: list[RowInput]) -> None:
        product = self.lookups.products.get(slug)
        if not self._agree(rows) or not self._may_sell(rows, product):
            return
        first = rows[0]
        fields = self._product_fields(first, product)
        attributes = self._attributes(first, product)
        keys = self._variant_keys(rows, product)
        if keys is None:
            return
        variants = self._variant_plans(rows, keys, product)
        changed = bool(fields) or attributes is not None
        sellers = {self.shop(row).pk for row in rows}
        if product and (changed or variants) and product.shop_id not in sellers:
            owner = product.shop.slug
            message = f'only lines of shop "{owner}" may change product "{slug}"'
            if self.only_shop:
                message = (
                    f'product "{slug}" belongs to another shop: only it may change '
                    "the product, so its product and variant columns must stay as "
                    "they are"
                )
            self.error(first, fmt.SHOP, message)
            return
        if product is None or changed:
            self.products.append(
                ProductPlan(
                    line=first.line,
                    slug=slug,
                    product_id=product.pk if product else None,
                    shop=self.shop(first),
                    fields=fields,
                    attributes=attributes,
                )
            )
        self.variants.extend(variants)
        changed_keys = {variant.key for variant in variants}
        for row in rows:
            key = keys[row.line]
            self.offers.append(
                plan_offer(
                    row,
                    lookups=self.lookups,
                    key=key,
                    variant=self._variant(product, key[1]) if key[0] == "id" else None,
                    changed=changed or key in changed_keys,
                    error=self.error,
                )
            )

    def _agree(self, rows: list[RowInput]) -> bool:
        first, before = rows[0], len(self.errors)
        for row in rows[1:]:
            for name, column in PRODUCT_FIELDS:
                mine, theirs = getattr(row, name), getattr(first, name)
                if mine != theirs:
                    message = (
                        f"{shown(mine)} differs from line {first.line} "
                        f"({shown(theirs)}); the lines of a product must agree"
                    )
                    self.error(row, column, message)
            wanted, others = self.attributes[first.line], self.attributes[row.line]
            for code in sorted(set(wanted) | set(others)):
                if wanted.get(code) != others.get(code):
                    message = f"differs from line {first.line} (same product)"
                    self.error(row, fmt.ATTRIBUTE_PREFIX + code, message)
        return len(self.errors) == before

    def _may_sell(self, rows: list[RowInput], product: Product | None) -> bool:
        first, before = rows[0], len(self.errors)
        owner = product.shop if product else self.shop(first)
        for row in rows:
            shop = self.shop(row)
            if shop.pk == owner.pk or (product and product.is_open_to_other_sellers):
                continue
            where = "" if product else f" (line {first.line})"
            whose = f'shop "{owner.slug}"'
            if self.only_shop and owner.pk != self.only_shop.pk:
                whose = "another shop"
            message = (
                f'product "{first.product_slug}" belongs to {whose}'
                f"{where} and is not open to other sellers"
            )
            self.error(row, fmt.SHOP, message)
        return len(self.errors) == before

    def _product_fields(self, row: RowInput, product: Product | None) -> dict:
        wanted: dict[str, Any] = {
            "title": row.title,
            "status": row.status,
            "category": self.lookups.categories[row.category],
        }
        if row.brand is not UNSET:
            wanted["brand"] = self.lookups.brands[row.brand] if row.brand else None
        if row.tax_class is not UNSET:
            wanted["tax_class"] = row.tax_class
        if row.description is not UNSET:
            wanted["description"] = row.description
        if product is None:
            return wanted
        current = {
            "title": product.title,
            "status": product.status,
            "category": product.category_id,
            "brand": product.brand_id,
            "tax_class": product.tax_class,
            "description": product.description,
        }
        description = wanted.get("description")
        # Stored sanitised: compare like with like.
        if (
            description is not None
            and sanitize_html(description) == current["description"]
        ):
            del wanted["description"]
        return {k: v for k, v in wanted.items() if not _same(v, current[k])}

    def _attributes(self, row: RowInput, product: Product | None) -> tuple | None:
        cells = self.attributes[row.line]
        if product is None:
            values = {code: v for code, v in cells.items() if v is not None}
            return tuple(attribute_inputs(values)) if values else None
        current = stored_values(product.attribute_values.all())
        merged = {code: v for code, v in current.items() if code not in cells}
        merged.update({code: v for code, v in cells.items() if v is not None})
        return None if merged == current else tuple(attribute_inputs(merged))

    def _variant_keys(
        self, rows: list[RowInput], product: Product | None
    ) -> dict[int, VariantKey] | None:
        before, keys = len(self.errors), {}
        for row in rows:
            key = self._variant_key(row, product)
            if key is not None:
                keys[row.line] = key
        seen: dict[tuple, int] = {}
        for row in rows:
            shop_variant = (row.shop, keys.get(row.line))
            if row.line in keys and shop_variant in seen:
                message = (
                    f"the same variant as line {seen[shop_variant]}; "
                    "a shop offers each variant once"
                )
                self.error(row, fmt.SKU, message)
            seen.setdefault(shop_variant, row.line)
        return keys if len(self.errors) == before else None

    def _variant_key(self, row: RowInput, product: Product | None) -> VariantKey:
        shop = self.shop(row)
        offer = self.lookups.offers.get((shop.pk, row.sku))
        if offer is not None:
            return self._existing_offer_key(row, offer, product)
        variant = self._match(product, dict(row.options)) if product else None
        if variant is None:
            return ("new", row.product_slug, row.options)
        taken = [o.sku for o in variant.offers.all() if o.shop_id == shop.pk]
        if taken:
            message = f'shop "{shop.slug}" offers this variant as SKU "{taken[0]}"'
            self.error(row, fmt.SKU, message)
            return None
        return ("id", variant.pk)

    def _existing_offer_key(self, row: RowInput, offer, product) -> VariantKey:
        other = offer.variant.product.slug
        if other != row.product_slug:
            message = (
                f'SKU "{row.sku}" is an offer of product "{other}"; '
                "an offer cannot move to another product"
            )
            self.error(row, fmt.PRODUCT_SLUG, message)
            return None
        variant = self._variant(product, offer.variant_id)
        current, wanted = _option_map(variant), dict(row.options)
        if current != wanted:
            code = min(
                c for c in set(current) | set(wanted) if current.get(c) != wanted.get(c)
            )
            message = (
                f"{shown(wanted.get(code, ''))}, but the offer's variant has "
                f"{shown(current.get(code, ''))}; an offer's options cannot change"
            )
            self.error(row, fmt.OPTION_PREFIX + code, message)
            return None
        return ("id", variant.pk)

    @staticmethod
    def _variant(product: Product, variant_id: int) -> ProductVariant:
        return next(v for v in product.variants.all() if v.pk == variant_id)

    @staticmethod
    def _match(product: Product, options: dict[str, str]) -> ProductVariant | None:
        for variant in product.variants.all():
            if _option_map(variant) == options:
                return variant
        return None

    def _variant_plans(self, rows, keys, product) -> list[VariantPlan]:
        by_key: dict[VariantKey, list[RowInput]] = {}
        for row in rows:
            by_key.setdefault(keys[row.line], []).append(row)
        variants = product.variants.all() if product else []
        position = max((v.position for v in variants), default=-1)
        plans = []
        for key, key_rows in by_key.items():
            first = key_rows[0]
            self._variant_rows_agree(key_rows)
            wanted = {
                name: getattr(first, name)
                for name, _ in VARIANT_FIELDS
                if getattr(first, name) is not UNSET
            }
            if key[0] == "id":
                variant = self._variant(product, key[1])
                changed = {n: v for n, v in wanted.items() if getattr(variant, n) != v}
                if changed:
                    plans.append(
                        VariantPlan(
                            line=first.line,
                            key=key,
                            product_slug=first.product_slug,
                            product_id=product.pk,
                            variant_id=variant.pk,
                            fields=changed,
                        )
                    )
                continue
            position += 1
            plans.append(
                VariantPlan(
                    line=first.line,
                    key=key,
                    product_slug=first.product_slug,
                    product_id=product.pk if product else None,
                    variant_id=None,
                    options=dict(key[2]),
                    fields={n: v for n, v in wanted.items() if v not in (None, "")},
                    use_default=product is None and position == 0,
                    position=position,
                )
            )
        return plans

    def _variant_rows_agree(self, rows: list[RowInput]) -> None:
        first = rows[0]
        for row in rows[1:]:
            for name, column in VARIANT_FIELDS:
                mine, theirs = getattr(row, name), getattr(first, name)
                if mine != theirs:
                    message = (
                        f"{shown(mine)} differs from line {first.line} "
                        f"({shown(theirs)}), an offer of the same variant"
                    )
                    self.error(row, column, message)
