"""The catalog CSV format: its columns, their order, and how cells are written.

One row per offer (one shop's listing of one variant); rows sharing a
`product_slug` describe one product. `docs/catalog-import.md` explains each
column to operators; this module is the one place the names live, so export
writes exactly what import reads.

Column families (a prefix and a code):
- `option:<option code>`: the variant's value of that option (blank: none);
- `stock:<warehouse code>`: on-hand quantity in that warehouse of the row's
  shop (blank: leave as it is);
- `attr:<attribute code>`: the product's value of that attribute (blank:
  none; a choice attribute lists several choices separated by `|`).
"""

from collections.abc import Iterable
from decimal import Decimal

from emporium.core.money import minor_unit

SHOP = "shop"
SKU = "sku"
PRODUCT_SLUG = "product_slug"
TITLE = "title"
STATUS = "status"
CATEGORY = "category"
BRAND = "brand"
TAX_CLASS = "tax_class"
DESCRIPTION = "description"
WEIGHT_GRAMS = "weight_grams"
BARCODE = "barcode"
PRICE = "price"
CURRENCY = "currency"
COMPARE_AT_PRICE = "compare_at_price"
OFFER_ACTIVE = "offer_active"

OPTION_PREFIX = "option:"
STOCK_PREFIX = "stock:"
ATTRIBUTE_PREFIX = "attr:"
PREFIXES = (OPTION_PREFIX, STOCK_PREFIX, ATTRIBUTE_PREFIX)

# Fixed columns in file order; the option columns follow PRODUCT_COLUMNS,
# the stock and attribute columns come last.
PRODUCT_COLUMNS = (
    SHOP,
    SKU,
    PRODUCT_SLUG,
    TITLE,
    STATUS,
    CATEGORY,
    BRAND,
    TAX_CLASS,
    DESCRIPTION,
)
VARIANT_COLUMNS = (WEIGHT_GRAMS, BARCODE)
OFFER_COLUMNS = (PRICE, CURRENCY, COMPARE_AT_PRICE, OFFER_ACTIVE)
FIXED_COLUMNS = PRODUCT_COLUMNS + VARIANT_COLUMNS + OFFER_COLUMNS

# A file must have these headers; any other column may be left out, and a
# column left out leaves its field as it is (new rows get the default).
REQUIRED_COLUMNS = (
    SHOP,
    SKU,
    PRODUCT_SLUG,
    TITLE,
    STATUS,
    CATEGORY,
    PRICE,
    CURRENCY,
)

# Columns that describe the product: every row of one product must agree.
PRODUCT_FIELD_COLUMNS = (TITLE, STATUS, CATEGORY, BRAND, TAX_CLASS, DESCRIPTION)

CHOICE_SEPARATOR = "|"
YES, NO = "yes", "no"
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "on"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "off"})

MAX_ROWS = 50_000
MAX_FILE_BYTES = 50 * 1024 * 1024


def build_header(
    *,
    option_codes: Iterable[str],
    warehouse_codes: Iterable[str],
    attribute_codes: Iterable[str],
) -> list[str]:
    """The header row of a file with these option, stock and attribute columns."""
    return [
        *PRODUCT_COLUMNS,
        *(f"{OPTION_PREFIX}{code}" for code in option_codes),
        *VARIANT_COLUMNS,
        *OFFER_COLUMNS,
        *(f"{STOCK_PREFIX}{code}" for code in warehouse_codes),
        *(f"{ATTRIBUTE_PREFIX}{code}" for code in attribute_codes),
    ]


def split_column(name: str) -> tuple[str, str]:
    """("option:", "size") for a family column, (name, "") for a fixed one."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return prefix, name[len(prefix) :]
    return name, ""


def format_amount(amount: Decimal | None, currency: str) -> str:
    """An amount with exactly the currency's minor unit ("19.90", JPY "1500")."""
    if amount is None:
        return ""
    exponent = Decimal(1).scaleb(-minor_unit(currency))
    return str(amount.quantize(exponent))


def format_number(number: Decimal | None) -> str:
    """A number without trailing zeros or exponent ("2.5", "40")."""
    if number is None:
        return ""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_bool(value: bool | None) -> str:
    if value is None:
        return ""
    return YES if value else NO


def format_int(value: int | None) -> str:
    return "" if value is None else str(value)
