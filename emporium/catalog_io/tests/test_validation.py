"""Every kind of bad input is reported with its line and column, and a file
with any error imports nothing."""

import pytest

from emporium.catalog.models import Offer, Product, ProductVariant
from emporium.catalog.tests.factories import OfferFactory, ProductFactory
from emporium.catalog_io.errors import InvalidCatalogFile
from emporium.catalog_io.services import import_catalog
from emporium.catalog_io.tests.conftest import HEADER, csv_file, line
from emporium.core.models import OutboxEvent
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.tests.factories import StockFactory

pytestmark = pytest.mark.django_db


def errors_of(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(InvalidCatalogFile) as caught:
        import_catalog(file=data, actor=None, **kwargs)
    assert caught.value.code == "invalid_catalog_file"
    return [str(error) for error in caught.value.errors]


# A good line 2, then line 3 (size M) with the bad cell.
BAD_CELLS = [
    ({"price": "12,50"}, 'line 3, price: "12,50" is not a decimal amount (like 12.50)'),
    ({"price": "1e3"}, 'line 3, price: "1e3" is not a decimal amount (like 12.50)'),
    ({"price": "-1.00"}, 'line 3, price: "-1.00" is negative; a price is 0 or more'),
    (
        {"price": "1.999"},
        'line 3, price: "1.999" has more decimals than EUR allows (2)',
    ),
    (
        {"price": "10.5", "currency": "JPY"},
        'line 3, price: "10.5" has more decimals than JPY allows (0)',
    ),
    (
        {"price": "1.2345", "currency": "KWD"},
        'line 3, price: "1.2345" has more decimals than KWD allows (3)',
    ),
    ({"price": "1000000000"}, 'line 3, price: "1000000000" is too large'),
    ({"price": ""}, "line 3, price: a value is required"),
    ({"currency": "EURO"}, 'line 3, currency: "EURO" is not an ISO 4217 currency'),
    ({"currency": "XYZ"}, 'line 3, currency: "XYZ" is not an ISO 4217 currency'),
    (
        {"compare_at_price": "abc"},
        'line 3, compare_at_price: "abc" is not a decimal amount (like 12.50)',
    ),
    (
        {"status": "live"},
        'line 3, status: "live" is not one of: draft, active, archived',
    ),
    (
        {"tax_class": "luxury"},
        'line 3, tax_class: "luxury" is not one of: standard, reduced, zero',
    ),
    ({"shop": "nobody"}, 'line 3, shop: unknown shop "nobody"'),
    ({"category": "hats"}, 'line 3, category: unknown category "hats"'),
    ({"brand": "acme-co"}, 'line 3, brand: unknown brand "acme-co" (staff add brands)'),
    (
        {"barcode": "4006381333932"},
        'line 3, barcode: "4006381333932" is not a GTIN: The check digit is wrong.',
    ),
    (
        {"barcode": "12345"},
        'line 3, barcode: "12345" is not a GTIN: Enter 8, 12, 13 or 14 digits.',
    ),
    ({"stock_main": "-3"}, 'line 3, stock:main: "-3" is not a whole number, 0 or more'),
    (
        {"stock_main": "2.5"},
        'line 3, stock:main: "2.5" is not a whole number, 0 or more',
    ),
    (
        {"weight_grams": "heavy"},
        'line 3, weight_grams: "heavy" is not a whole number, 0 or more',
    ),
    ({"offer_active": "maybe"}, 'line 3, offer_active: "maybe" is not yes or no'),
    (
        {"attr_material": "silk"},
        'line 3, attr:material: "silk" is not among: cotton, wool',
    ),
    (
        {"attr_waterproof": "perhaps"},
        'line 3, attr:waterproof: "perhaps" is not yes or no',
    ),
    ({"title": ""}, "line 3, title: a value is required"),
    ({"sku": "X" * 65}, "line 3, sku: longer than 64 characters"),
    (
        {"product_slug": "classic tee"},
        'line 3, product_slug: "classic tee" is not a slug (letters, digits, - and _)',
    ),
]


@pytest.mark.parametrize(("cells", "expected"), BAD_CELLS)
def test_bad_cell_is_reported_with_line_and_column(catalog, cells, expected):
    data = csv_file([line(), line(**{"sku": "TEE-M", "option_size": "M", **cells})])

    assert errors_of(data) == [expected]


CROSS_LINE = [
    (
        [line(), line(option_size="M")],
        ['line 3, sku: "TEE-S" of shop "acme" is already on line 2'],
    ),
    (
        [line(), line(sku="TEE-M", option_size="M", title="Classic T")],
        [
            'line 3, title: "Classic T" differs from line 2 ("Classic Tee"); '
            "the lines of a product must agree"
        ],
    ),
    (
        [line(), line(sku="TEE-M", option_size="M", attr_material="wool")],
        ["line 3, attr:material: differs from line 2 (same product)"],
    ),
    (
        [line(), line(sku="TEE-S2")],
        ["line 3, sku: the same variant as line 2; a shop offers each variant once"],
    ),
    (
        [line(), line(shop="globex", stock_main="")],
        [
            'line 3, shop: product "classic-tee" belongs to shop "acme" (line 2) '
            "and is not open to other sellers"
        ],
    ),
]


@pytest.mark.parametrize(("rows", "expected"), CROSS_LINE)
def test_lines_that_contradict_each_other_are_reported(catalog, rows, expected):
    assert errors_of(csv_file(rows)) == expected


HEADERS = [
    (
        [c for c in HEADER if c != "price"],
        ["line 1, price: the required column is missing"],
    ),
    ([*HEADER, "prcie"], ["line 1, prcie: unknown column"]),
    ([*HEADER, "sku"], ["line 1, sku: the column appears twice"]),
    ([*HEADER, "option:fit"], ['line 1, option:fit: unknown option "fit"']),
    ([*HEADER, "attr:origin"], ['line 1, attr:origin: unknown attribute "origin"']),
    ([*HEADER, "option:"], ["line 1, option:: add a code after 'option:'"]),
    ([*HEADER, ""], ["line 1, column 21: the column has no name"]),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS)
def test_bad_header_is_reported_on_line_1(catalog, header, expected):
    assert errors_of(csv_file([line()], header=header)) == expected


def test_header_names_are_read_case_blind(catalog):
    header = [name.upper() if ":" not in name else name for name in HEADER]
    row = {name.upper() if ":" not in name else name: v for name, v in line().items()}

    result = import_catalog(file=csv_file([row], header=header), actor=None)

    assert result.created == 1


def test_file_not_in_utf8_is_reported_with_its_line(catalog):
    data = csv_file([line(), line(sku="TEE-M", option_size="M", title="Café")])
    latin1 = data.decode("utf-8").encode("latin-1")

    assert errors_of(latin1) == [
        'line 3: the file is not UTF-8 (byte 0xe9); save it as "CSV UTF-8"'
    ]


def test_utf8_with_byte_order_mark_is_accepted(catalog):
    data = "\ufeff".encode() + csv_file([line(title="Café Tee")])

    import_catalog(file=data, actor=None)

    assert Product.objects.get().title == "Café Tee"


def test_empty_file_is_refused():
    assert errors_of(b"") == [
        "line 1: the file is empty; the first line must be the header"
    ]


def test_line_with_more_cells_than_the_header_is_refused(catalog):
    data = csv_file([line()]) + b"acme,TEE-X" + b",x" * 19 + b"\r\n"

    assert errors_of(data) == ["line 3: 21 cells but the header has 20 columns"]


def test_unknown_warehouse_of_the_lines_shop_is_reported(catalog):
    header = [*HEADER, "stock:backup"]
    rows = [line(), line(shop="globex", sku="G-1", product_slug="globex-tee")]
    rows[1]["stock:backup"] = "4"

    assert errors_of(csv_file(rows, header=header)) == [
        'line 3, stock:backup: shop "globex" has no warehouse "backup"'
    ]


def test_every_error_of_the_file_is_reported_in_line_order(catalog):
    data = csv_file(
        [
            line(price="12,50"),
            line(sku="TEE-M", option_size="M"),
            line(sku="TEE-L", option_size="L", category="hats", stock_main="-1"),
        ]
    )

    assert errors_of(data) == [
        'line 2, price: "12,50" is not a decimal amount (like 12.50)',
        'line 4, stock:main: "-1" is not a whole number, 0 or more',
        'line 4, category: unknown category "hats"',
    ]


def test_one_bad_line_among_good_lines_imports_nothing(catalog):
    events_before = OutboxEvent.objects.count()
    rows = [line(sku=f"TEE-{size}", option_size=size) for size in "SMLX"]
    rows.append(line(sku="TEE-XXL", option_size="XXL", price="-5"))

    errors_of(csv_file(rows))

    assert not Product.objects.exists()
    assert not ProductVariant.objects.exists()
    assert not Offer.objects.exists()
    assert not Stock.objects.exists()
    assert not StockMovement.objects.exists()
    assert OutboxEvent.objects.count() == events_before


def test_limiting_to_a_shop_refuses_lines_of_other_shops(catalog):
    rows = [line(), line(shop="globex", sku="G-1", product_slug="globex-tee")]

    errors = errors_of(csv_file(rows), shop=catalog.shop)

    assert errors == ['line 3, shop: this import is limited to shop "acme"']
    assert not Offer.objects.exists()


def test_stock_below_what_is_reserved_is_refused(catalog):
    stock = StockFactory(
        offer__sku="TEE-S",
        offer__shop=catalog.shop,
        offer__variant__product__shop=catalog.shop,
        offer__variant__product__slug="classic-tee",
        warehouse=catalog.main,
        quantity_on_hand=10,
        quantity_reserved=4,
    )
    stock.offer.variant.option_values.set([])

    errors = errors_of(csv_file([line(option_size="", stock_main="3")]))

    assert errors == [
        "line 2, stock:main: 3 is less than the 4 units reserved for orders"
    ]


def test_existing_offer_cannot_move_to_another_product(catalog):
    OfferFactory(sku="TEE-S", shop=catalog.shop, variant__product__slug="old-tee")

    errors = errors_of(csv_file([line(option_size="")]))

    assert errors == [
        'line 2, product_slug: SKU "TEE-S" is an offer of product "old-tee"; '
        "an offer cannot move to another product"
    ]


def test_existing_offer_cannot_change_its_options(catalog):
    OfferFactory(
        sku="TEE-S",
        shop=catalog.shop,
        variant__product__shop=catalog.shop,
        variant__product__slug="classic-tee",
    )

    errors = errors_of(csv_file([line(option_size="S")]))

    assert errors == [
        'line 2, option:size: "S", but the offer\'s variant has ""; '
        "an offer's options cannot change"
    ]


def test_other_shop_cannot_change_a_product_it_does_not_own(catalog):
    product = ProductFactory(
        slug="classic-tee", shop=catalog.shop, is_open_to_other_sellers=True
    )
    rows = [
        line(
            shop="globex",
            sku="G-1",
            option_size="",
            title="Renamed by Globex",
            category=product.category.slug,
            status="active",
            brand="",
            description="",
            tax_class="standard",
            attr_material="",
            attr_waterproof="",
            barcode="",
            weight_grams="",
        )
    ]
    ProductVariant.objects.create(product=product, is_default=True)

    errors = errors_of(csv_file(rows))

    assert errors == [
        'line 2, shop: only lines of shop "acme" may change product "classic-tee"'
    ]


def test_offers_of_one_variant_must_agree_on_its_weight(catalog):
    product = ProductFactory(
        slug="classic-tee", shop=catalog.shop, is_open_to_other_sellers=True
    )
    variant = ProductVariant.objects.create(product=product, weight_grams=180)
    OfferFactory(variant=variant, shop=catalog.shop, sku="TEE-S")
    same = {
        "option_size": "",
        "barcode": "",
        "category": product.category.slug,
        "title": product.title,
        "brand": "",
        "description": "",
        "attr_material": "",
        "attr_waterproof": "",
    }
    rows = [line(**same), line(shop="globex", sku="G-1", weight_grams="200", **same)]

    errors = errors_of(csv_file(rows))

    assert errors == [
        'line 3, weight_grams: "200" differs from line 2 ("180"), '
        "an offer of the same variant"
    ]
