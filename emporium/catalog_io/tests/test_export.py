"""Export writes the import format; exported, edited and imported back, only
the edit changes."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emporium.catalog.constants import AttributeType
from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Offer,
    Option,
    OptionValue,
)
from emporium.catalog.tests.factories import OfferFactory, VariantFactory
from emporium.catalog_io.export import export_catalog
from emporium.catalog_io.services import import_catalog
from emporium.core.models import OutboxEvent
from emporium.inventory.models import StockMovement
from emporium.inventory.tests.factories import StockFactory

pytestmark = pytest.mark.django_db


def export_rows(**kwargs) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    export_catalog(out=out, **kwargs)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def export_bytes(**kwargs) -> bytes:
    out = io.StringIO(newline="")
    export_catalog(out=out, **kwargs)
    return out.getvalue().encode()


@pytest.fixture
def rich_catalog(catalog):
    """A product in two sizes and colours with every kind of attribute and
    stock in two warehouses, also offered by another shop; and a JPY
    offer without options, inactive, without stock."""
    product = VariantFactory(
        product__shop=catalog.shop,
        product__slug="rain-jacket",
        product__title='Rain jacket, "storm"',
        product__description="<p>Line one.</p>\n<p>Line two, with commas.</p>",
        product__category=catalog.category,
        product__brand=catalog.brand,
        product__is_open_to_other_sellers=True,
    ).product
    product.variants.all().delete()
    size_m = OptionValue.objects.create(option_id=_option("size"), value="M")
    blue = OptionValue.objects.create(option_id=_option("colour"), value="Blue")
    size_l = OptionValue.objects.create(option_id=_option("size"), value="L")
    first = VariantFactory(product=product, position=0, weight_grams=900)
    first.option_values.set([size_m, blue])
    second = VariantFactory(product=product, position=1, barcode="4006381333931")
    second.option_values.set([size_l, blue])
    offer = OfferFactory(
        variant=first, sku="RJ-M", price_amount=Decimal("89.90"),
        compare_at_amount=Decimal("99.00"),
    )  # fmt: skip
    StockFactory(offer=offer, warehouse=catalog.main, quantity_on_hand=7)
    StockFactory(offer=offer, warehouse=catalog.backup, quantity_on_hand=0)
    OfferFactory(variant=second, sku="RJ-L", price_amount=Decimal("89.90"))
    OfferFactory(
        variant=first, shop=catalog.other_shop, sku="G-RJ-M",
        price_amount=Decimal("85"),
    )  # fmt: skip
    _attribute_values(product, catalog)
    OfferFactory(
        variant__product__shop=catalog.shop, variant__product__slug="tenugui",
        variant__product__category=catalog.category, sku="TN-1",
        price_amount=Decimal("1500"), currency="JPY", is_active=False,
    )  # fmt: skip
    return product


def _option(code: str) -> int:
    return Option.objects.get(code=code).pk


def _attribute_values(product, catalog) -> None:
    by_code = {a.code: a for a in Attribute.objects.all()}
    cotton, wool = catalog.material.choices.order_by("position")
    AttributeValue.objects.bulk_create(
        [
            AttributeValue(product=product, attribute=catalog.material, choice=wool),
            AttributeValue(product=product, attribute=catalog.material, choice=cotton),
            AttributeValue(
                product=product, attribute=by_code["waterproof"], value_bool=True
            ),
            AttributeValue(
                product=product,
                attribute=by_code["weight-kg"],
                value_number=Decimal("0.4500"),
            ),
            AttributeValue(
                product=product, attribute=by_code["care"], value_text="Wash cold"
            ),
        ]
    )
    assert {a.type for a in by_code.values()} == set(AttributeType.values)


def test_export_writes_one_line_per_offer_in_the_import_format(rich_catalog):
    rows = export_rows()

    assert [(r["shop"], r["sku"]) for r in rows] == [
        ("acme", "RJ-M"),
        ("globex", "G-RJ-M"),
        ("acme", "RJ-L"),
        ("acme", "TN-1"),
    ]
    first = rows[0]
    assert first == {
        "shop": "acme",
        "sku": "RJ-M",
        "product_slug": "rain-jacket",
        "title": 'Rain jacket, "storm"',
        "status": "active",
        "category": "shirts",
        "brand": "nordwear",
        "tax_class": "standard",
        "description": "<p>Line one.</p>\n<p>Line two, with commas.</p>",
        "option:size": "M",
        "option:colour": "Blue",
        "weight_grams": "900",
        "barcode": "",
        "price": "89.90",
        "currency": "EUR",
        "compare_at_price": "99.00",
        "offer_active": "yes",
        "stock:backup": "0",
        "stock:main": "7",
        "attr:care": "Wash cold",
        "attr:material": "cotton|wool",
        "attr:waterproof": "yes",
        "attr:weight-kg": "0.45",
    }
    jpy = rows[3]
    assert (jpy["price"], jpy["currency"], jpy["offer_active"]) == ("1500", "JPY", "no")
    assert (jpy["stock:main"], jpy["option:size"], jpy["brand"]) == ("", "", "")


def test_export_limited_to_a_shop_has_its_offers_and_warehouses(rich_catalog, catalog):
    rows = export_rows(shop=catalog.other_shop)

    assert [(r["shop"], r["sku"]) for r in rows] == [("globex", "G-RJ-M")]
    assert [c for c in rows[0] if c.startswith("stock:")] == ["stock:main"]


def test_export_then_import_unchanged_changes_nothing(rich_catalog):
    events = OutboxEvent.objects.count()
    movements = StockMovement.objects.count()
    before = export_bytes()

    result = import_catalog(file=before, actor=None)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert OutboxEvent.objects.count() == events
    assert StockMovement.objects.count() == movements
    assert export_bytes() == before


def test_export_edit_price_import_changes_that_price(rich_catalog):
    rows = export_rows()
    rows[2]["price"] = "79.90"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    result = import_catalog(file=out.getvalue().encode(), actor=None)

    assert (result.updated, result.unchanged) == (1, 3)
    assert Offer.objects.get(sku="RJ-L").price_amount == Decimal("79.90")
    assert Offer.objects.get(sku="RJ-M").price_amount == Decimal("89.90")


def test_export_queries_do_not_grow_with_offers(catalog):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            export_rows()
        return len(queries)

    for _ in range(10):
        StockFactory(offer__variant__product__shop=catalog.shop, warehouse=catalog.main)
    ten = count_queries()
    for _ in range(90):
        StockFactory(offer__variant__product__shop=catalog.shop, warehouse=catalog.main)

    assert count_queries() == ten
