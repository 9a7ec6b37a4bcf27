"""Reading a catalog CSV: bytes to records, records to typed rows.

What needs no database is checked here: the encoding, the header, and the
shape of each cell (a decimal amount with the currency's decimals, yes/no,
a whole number, a GTIN). What the cells name (shops, categories, options,
warehouses ...) is checked by `planning`, against lookups loaded in bulk.

Line numbers count records the way a spreadsheet counts rows: the header is
line 1, the first product line 2, and a cell holding line breaks does not
shift the lines after it.
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.services import UNSET
from emporium.catalog.validators import validate_gtin
from emporium.catalog_io import csv_format as fmt
from emporium.catalog_io.errors import InvalidCatalogFile, RowError
from emporium.core.money import InvalidCurrency, Money, check_currency, minor_unit

SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")
AMOUNT_RE = re.compile(r"-?\d+(\.\d+)?")
WHOLE_RE = re.compile(r"-?\d+")
MAX_AMOUNT = Decimal(10) ** 9  # amount_field(): 12 digits, 3 of them decimals
MAX_INT = 2**31 - 1
# Enum `.values` is rebuilt on every access: read once.
STATUSES = list(ProductStatus.values)
TAX_CLASSES = list(TaxClass.values)
LIMITS = {fmt.SKU: 64, fmt.PRODUCT_SLUG: 220, fmt.TITLE: 200, "option": 100}


@dataclass(frozen=True)
class Record:
    """One data line of the file: its number and its cells by column name."""

    line: int
    cells: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    records: tuple[Record, ...]


@dataclass(frozen=True)
class RowInput:
    """One row, typed. `UNSET`: the column is not in the file (leave as is).

    `options` and `stock` hold the non-blank cells of their families;
    `attributes` every `attr:` column of the file, blank ones as "".
    """

    line: int
    shop: str
    sku: str
    product_slug: str
    title: str
    status: str
    category: str
    brand: Any  # str, None (blank: no brand) or UNSET
    tax_class: Any
    description: Any
    options: tuple[tuple[str, str], ...]
    weight_grams: Any  # int, None or UNSET
    barcode: Any
    price: Money
    compare_at_price: Any  # Money, None or UNSET
    is_active: Any
    stock: tuple[tuple[str, int], ...]
    attributes: tuple[tuple[str, str], ...]


def read_table(data: bytes) -> Table:
    """Decode and split the file; check the header and each line's width.

    Raises:
        InvalidCatalogFile: not UTF-8, not CSV, a bad header, or lines with
            more cells than the header has columns.
    """
    if len(data) > fmt.MAX_FILE_BYTES:
        limit = fmt.MAX_FILE_BYTES // (1024 * 1024)
        raise _fail(1, "", f"the file is larger than {limit} MB; split it")
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise _fail(reader.line_num, "", f"the file is not valid CSV ({exc})") from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise _fail(1, "", "the file is empty; the first line must be the header")
    columns = tuple(_column_name(name) for name in lines[0])
    errors = check_header(columns)
    if len(lines) - 1 > fmt.MAX_ROWS:
        errors.append(RowError(1, "", f"more than {fmt.MAX_ROWS:,} lines; split it"))
    records = []
    for index, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave empty lines at the end
        if len(cells) > len(columns):
            errors.append(
                RowError(
                    index,
                    "",
                    f"{len(cells)} cells but the header has {len(columns)} columns",
                )
            )
            continue
        padded = [*cells, *[""] * (len(columns) - len(cells))]
        records.append(Record(index, dict(zip(columns, padded, strict=True))))
    if errors:
        raise InvalidCatalogFile(errors)
    return Table(columns=columns, records=tuple(records))


def _fail(line: int, column: str, message: str) -> InvalidCatalogFile:
    return InvalidCatalogFile([RowError(line, column, message)])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(
            line,
            "",
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); "
            'save it as "CSV UTF-8"',
        ) from None


def _column_name(raw: str) -> str:
    name = raw.strip()
    for prefix in fmt.PREFIXES:
        if name.casefold().startswith(prefix):
            return prefix + name[len(prefix) :].strip()
    return name.casefold()


def check_header(columns: tuple[str, ...]) -> list[RowError]:
    """Errors of the header alone: unnamed, unknown, repeated, missing columns."""
    errors = []
    seen: set[str] = set()
    for position, name in enumerate(columns, start=1):
        family, code = fmt.split_column(name)
        if not name:
            errors.append(RowError(1, f"column {position}", "the column has no name"))
        elif name in seen:
            errors.append(RowError(1, name, "the column appears twice"))
        elif family in fmt.PREFIXES and not code:
            errors.append(RowError(1, name, f"add a code after {family!r}"))
        elif family not in fmt.PREFIXES and name not in fmt.FIXED_COLUMNS:
            errors.append(RowError(1, name, "unknown column"))
        seen.add(name)
    for name in fmt.REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(RowError(1, name, "the required column is missing"))
    return errors


class _Cells:
    """Reads one record's cells, collecting errors instead of stopping."""

    def __init__(self, record: Record):
        self.record = record
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.record.line, column, message))

    def raw(self, column: str) -> Any:
        """The stripped cell, or UNSET when the file has no such column."""
        if column not in self.record.cells:
            return UNSET
        return self.record.cells[column].strip()

    def required(self, column: str) -> str:
        value = self.raw(column)
        if not value:
            self.error(column, "a value is required")
            return ""
        return value

    def limited(self, column: str, value: str, limit: int) -> str:
        if len(value) > limit:
            self.error(column, f"longer than {limit} characters")
        return value

    def slug(self, column: str, value: str) -> str:
        if value and not SLUG_RE.fullmatch(value):
            self.error(column, f'"{value}" is not a slug (letters, digits, - and _)')
        return value

    def choice(self, column: str, value: str, choices: list[str]) -> str:
        if value.casefold() in choices:
            return value.casefold()
        self.error(column, f'"{value}" is not one of: {", ".join(choices)}')
        return value

    def whole(self, column: str, raw: str) -> int | None:
        if not WHOLE_RE.fullmatch(raw) or int(raw) < 0 or int(raw) > MAX_INT:
            self.error(column, f'"{raw}" is not a whole number, 0 or more')
            return None
        return int(raw)

    def boolean(self, column: str, raw: str) -> bool | None:
        word = raw.casefold()
        if word in fmt.TRUE_WORDS or word in fmt.FALSE_WORDS:
            return word in fmt.TRUE_WORDS
        self.error(column, f'"{raw}" is not yes or no')
        return None

    def amount(self, column: str, raw: str, currency: str | None) -> Money | None:
        if not AMOUNT_RE.fullmatch(raw):
            self.error(column, f'"{raw}" is not a decimal amount (like 12.50)')
            return None
        amount = Decimal(raw)
        if amount < 0:
            self.error(column, f'"{raw}" is negative; a price is 0 or more')
        elif amount >= MAX_AMOUNT:
            self.error(column, f'"{raw}" is too large')
        elif currency is not None:
            places = minor_unit(currency)
            rounded = amount.quantize(Decimal(1).scaleb(-places))
            if rounded == amount:
                return Money(rounded, currency)
            self.error(
                column, f'"{raw}" has more decimals than {currency} allows ({places})'
            )
        return None


def parse_row(record: Record) -> tuple[RowInput, list[RowError]]:
    """Type one record's cells, with the errors of malformed ones.

    A malformed cell's field is None in the row; a row with errors is only
    checked further for what its sound cells name, never imported.
    """
    cells = _Cells(record)
    row = RowInput(
        line=record.line,
        shop=cells.required(fmt.SHOP),
        sku=cells.limited(fmt.SKU, cells.required(fmt.SKU), LIMITS[fmt.SKU]),
        product_slug=_product_slug(cells),
        title=cells.limited(fmt.TITLE, cells.required(fmt.TITLE), LIMITS[fmt.TITLE]),
        status=_status(cells),
        category=cells.required(fmt.CATEGORY),
        brand=_optional(
            cells, fmt.BRAND, lambda raw: cells.slug(fmt.BRAND, raw), blank=None
        ),
        tax_class=_optional(
            cells,
            fmt.TAX_CLASS,
            lambda raw: cells.choice(fmt.TAX_CLASS, raw, TAX_CLASSES),
            blank=TaxClass.STANDARD.value,
        ),
        description=cells.raw(fmt.DESCRIPTION),
        options=_options(cells),
        weight_grams=_optional(
            cells,
            fmt.WEIGHT_GRAMS,
            lambda raw: cells.whole(fmt.WEIGHT_GRAMS, raw),
            blank=None,
        ),
        barcode=_optional(
            cells, fmt.BARCODE, lambda raw: _barcode(cells, raw), blank=""
        ),
        **_offer_fields(cells),
        stock=_stock(cells),
        attributes=_family(cells, fmt.ATTRIBUTE_PREFIX),
    )
    return row, cells.errors


def _optional(cells: _Cells, column: str, parse: Any, *, blank: Any) -> Any:
    """UNSET without the column, `blank` for an empty cell, else parsed."""
    raw = cells.raw(column)
    if raw is UNSET:
        return UNSET
    return parse(raw) if raw else blank


def _product_slug(cells: _Cells) -> str:
    slug = cells.required(fmt.PRODUCT_SLUG)
    return cells.slug(
        fmt.PRODUCT_SLUG,
        cells.limited(fmt.PRODUCT_SLUG, slug, LIMITS[fmt.PRODUCT_SLUG]),
    )


def _status(cells: _Cells) -> str:
    raw = cells.required(fmt.STATUS)
    return cells.choice(fmt.STATUS, raw, STATUSES) if raw else raw


def _barcode(cells: _Cells, raw: str) -> str:
    try:
        validate_gtin(raw)
    except ValidationError as exc:
        cells.error(fmt.BARCODE, f'"{raw}" is not a GTIN: {exc.messages[0]}')
    return raw


def _offer_fields(cells: _Cells) -> dict[str, Any]:
    currency: str | None = cells.required(fmt.CURRENCY).upper()
    if currency:
        try:
            check_currency(currency)
        except InvalidCurrency:
            cells.error(fmt.CURRENCY, f'"{currency}" is not an ISO 4217 currency')
            currency = None
    raw_price = cells.required(fmt.PRICE)
    price = cells.amount(fmt.PRICE, raw_price, currency) if raw_price else None
    compare_at = _optional(
        cells,
        fmt.COMPARE_AT_PRICE,
        lambda raw: cells.amount(fmt.COMPARE_AT_PRICE, raw, currency),
        blank=None,
    )
    is_active = _optional(
        cells,
        fmt.OFFER_ACTIVE,
        lambda raw: cells.boolean(fmt.OFFER_ACTIVE, raw),
        blank=True,
    )
    return {"price": price, "compare_at_price": compare_at, "is_active": is_active}


def _family(cells: _Cells, prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (column[len(prefix) :], value.strip())
        for column, value in cells.record.cells.items()
        if column.startswith(prefix)
    )


def _options(cells: _Cells) -> tuple[tuple[str, str], ...]:
    options = [(code, v) for code, v in _family(cells, fmt.OPTION_PREFIX) if v]
    for code, value in options:
        cells.limited(fmt.OPTION_PREFIX + code, value, LIMITS["option"])
    return tuple(sorted(options))


def _stock(cells: _Cells) -> tuple[tuple[str, int], ...]:
    stock = []
    for code, raw in _family(cells, fmt.STOCK_PREFIX):
        if raw:
            quantity = cells.whole(fmt.STOCK_PREFIX + code, raw)
            stock.append((code, quantity if quantity is not None else 0))
    return tuple(stock)
