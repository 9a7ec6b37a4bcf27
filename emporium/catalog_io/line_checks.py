"""The checks of one line at a time: what its cells name, and duplicates.

Against the lookups loaded in bulk (`lookups`), no queries: the shop (and
the shop an import is limited to), category, brand, the warehouses of the
line's shop, option and attribute codes of the header, attribute values by
type; and (shop, SKU) pairs repeated in the file.
"""

from typing import Any

from emporium.catalog_io import csv_format as fmt
from emporium.catalog_io.attribute_cells import read_attribute_cell
from emporium.catalog_io.errors import RowError
from emporium.catalog_io.lookups import Lookups
from emporium.catalog_io.parsing import RowInput
from emporium.vendors.models import Shop


def duplicate_skus(rows: list[RowInput]) -> list[RowError]:
    seen: dict[tuple[str, str], int] = {}
    errors = []
    for row in rows:
        key = (row.shop, row.sku)
        if row.shop and row.sku and key in seen:
            message = f'"{row.sku}" of shop "{row.shop}" is already on line {seen[key]}'
            errors.append(RowError(row.line, fmt.SKU, message))
        seen.setdefault(key, row.line)
    return errors


def shown(value: Any) -> str:
    """A value quoted for a message, cut short when long."""
    text = "" if value is None else str(getattr(value, "slug", value))
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


class LineChecker:
    """Checks what each line names against the lookups."""

    def __init__(self, lookups: Lookups, shop: Shop | None):
        self.lookups = lookups
        self.only_shop = shop
        # Line: {attribute code: value, None for a blank cell}.
        self.attributes: dict[int, dict[str, Any]] = {}

    def check_header(self, columns: tuple[str, ...]) -> list[RowError]:
        errors = []
        for name in columns:
            family, code = fmt.split_column(name)
            if family == fmt.OPTION_PREFIX and code not in self.lookups.options:
                errors.append(RowError(1, name, f'unknown option "{code}"'))
            if family == fmt.ATTRIBUTE_PREFIX and code not in self.lookups.attributes:
                errors.append(RowError(1, name, f'unknown attribute "{code}"'))
        return errors

    def check(self, row: RowInput) -> list[RowError]:
        errors = []

        def error(column: str, message: str) -> None:
            errors.append(RowError(row.line, column, message))

        shop = self.lookups.shops.get(row.shop)
        if row.shop and shop is None:
            error(fmt.SHOP, f'unknown shop "{row.shop}"')
        elif shop and self.only_shop and shop.pk != self.only_shop.pk:
            error(fmt.SHOP, f'this import is limited to shop "{self.only_shop.slug}"')
        if row.category and row.category not in self.lookups.categories:
            error(fmt.CATEGORY, f'unknown category "{row.category}"')
        if isinstance(row.brand, str) and row.brand not in self.lookups.brands:
            error(fmt.BRAND, f'unknown brand "{row.brand}" (staff add brands)')
        for code, _ in row.stock:
            if shop and (shop.pk, code) not in self.lookups.warehouses:
                column = fmt.STOCK_PREFIX + code
                error(column, f'shop "{shop.slug}" has no warehouse "{code}"')
        self.attributes[row.line] = self._attributes(row, error)
        return errors

    def _attributes(self, row: RowInput, error: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for code, raw in row.attributes:
            attribute = self.lookups.attributes.get(code)
            if attribute is None:
                continue  # reported once, on the header
            if not raw:
                values[code] = None
                continue
            try:
                choices = self.lookups.choices[attribute.pk]
                values[code] = read_attribute_cell(attribute, raw, choices)
            except ValueError as exc:
                error(fmt.ATTRIBUTE_PREFIX + code, str(exc))
        return values
