"""Exporting the catalog as CSV, in exactly the format import reads.

One line per offer, the lines of a product together (by product slug, then
variant position). It streams: offers are read with `.iterator()` in chunks
of `CHUNK`, each chunk with its prefetches, so memory stays flat and the
number of queries grows with chunks, not lines. Columns: every option and
attribute defined (a template for filling in), and the warehouse codes of
the shops exported.
"""

import csv
from collections.abc import Iterator
from typing import TextIO

from django.db.models import Prefetch, QuerySet

from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Offer,
    Option,
    OptionValue,
)
from emporium.catalog_io import csv_format as fmt
from emporium.catalog_io.attribute_cells import attribute_cells
from emporium.inventory.models import Stock, Warehouse
from emporium.vendors.models import Shop

CHUNK = 2000


def export_catalog(*, out: TextIO, shop: Shop | None = None) -> int:
    """Write the catalog (or one shop's offers) to `out`; return the lines.

    `out` is a text stream opened with `newline=""` (csv writes the line
    ends, CRLF as RFC 4180 says).
    """
    writer = csv.writer(out)
    lines = -1
    for row in iter_catalog_rows(shop=shop):
        writer.writerow(row)
        lines += 1
    return lines


class _Line:
    """A file-like whose write returns the line, for csv.writer to stream."""

    def write(self, line: str) -> str:
        return line


def iter_catalog_csv(*, shop: Shop | None = None) -> Iterator[str]:
    """The export as text chunks for a streamed download: a UTF-8 byte order
    mark first (so spreadsheet programs read the accents), then one CSV line
    per chunk."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in iter_catalog_rows(shop=shop):
        yield writer.writerow(row)


def iter_catalog_rows(*, shop: Shop | None = None) -> Iterator[list[str]]:
    """The header, then one list of cells per offer (for streaming responses)."""
    options = list(Option.objects.order_by("position", "name", "code"))
    attributes = list(Attribute.objects.order_by("position", "name", "code"))
    warehouses = Warehouse.objects.order_by("code")
    if shop is not None:
        warehouses = warehouses.filter(shop=shop)
    warehouse_codes = list(dict.fromkeys(warehouses.values_list("code", flat=True)))
    header = fmt.build_header(
        option_codes=[option.code for option in options],
        warehouse_codes=warehouse_codes,
        attribute_codes=[attribute.code for attribute in attributes],
    )
    yield header
    for offer in _offers(shop).iterator(chunk_size=CHUNK):
        cells = _cells(offer)
        yield [cells.get(column, "") for column in header]


def _offers(shop: Shop | None) -> QuerySet[Offer]:
    offers = Offer.objects.select_related(
        "shop", "variant__product__category", "variant__product__brand"
    ).prefetch_related(
        Prefetch(
            "variant__option_values",
            queryset=OptionValue.objects.select_related("option"),
        ),
        Prefetch(
            "variant__product__attribute_values",
            queryset=AttributeValue.objects.select_related("attribute", "choice"),
        ),
        Prefetch("stocks", queryset=Stock.objects.select_related("warehouse")),
    )
    if shop is not None:
        offers = offers.filter(shop=shop)
    return offers.order_by(
        "variant__product__slug", "variant__position", "variant_id", "shop__slug"
    )


def _cells(offer: Offer) -> dict[str, str]:
    variant = offer.variant
    product = variant.product
    cells = {
        fmt.SHOP: offer.shop.slug,
        fmt.SKU: offer.sku,
        fmt.PRODUCT_SLUG: product.slug,
        fmt.TITLE: product.title,
        fmt.STATUS: product.status,
        fmt.CATEGORY: product.category.slug,
        fmt.BRAND: product.brand.slug if product.brand else "",
        fmt.TAX_CLASS: product.tax_class,
        fmt.DESCRIPTION: product.description,
        fmt.WEIGHT_GRAMS: fmt.format_int(variant.weight_grams),
        fmt.BARCODE: variant.barcode,
        fmt.PRICE: fmt.format_amount(offer.price_amount, offer.currency),
        fmt.CURRENCY: offer.currency,
        fmt.COMPARE_AT_PRICE: fmt.format_amount(
            offer.compare_at_amount, offer.currency
        ),
        fmt.OFFER_ACTIVE: fmt.format_bool(offer.is_active),
    }
    for value in variant.option_values.all():
        cells[fmt.OPTION_PREFIX + value.option.code] = value.value
    for stock in offer.stocks.all():
        cells[fmt.STOCK_PREFIX + stock.warehouse.code] = str(stock.quantity_on_hand)
    for code, cell in attribute_cells(product.attribute_values.all()).items():
        cells[fmt.ATTRIBUTE_PREFIX + code] = cell
    return cells
