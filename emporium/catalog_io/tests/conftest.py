"""A small catalog to import into, and CSV files built from dicts.

`catalog` makes two shops (acme with warehouses main and backup, globex
with main), a category, a brand, the options size and colour and four
attributes (material: choice, waterproof: yes/no, weight-kg: number,
care: text). `csv_file(rows)` writes rows (dicts) under HEADER.
"""

import csv
import io
from dataclasses import dataclass

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import AttributeType
from emporium.catalog.models import Attribute, AttributeChoice, Brand, Category, Option
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.inventory.models import Warehouse
from emporium.inventory.tests.factories import WarehouseFactory
from emporium.vendors.models import Shop
from emporium.vendors.tests.factories import ShopFactory

HEADER = [
    "shop",
    "sku",
    "product_slug",
    "title",
    "status",
    "category",
    "brand",
    "tax_class",
    "description",
    "option:size",
    "option:colour",
    "weight_grams",
    "barcode",
    "price",
    "currency",
    "compare_at_price",
    "offer_active",
    "stock:main",
    "attr:material",
    "attr:waterproof",
]

GOOD_LINE = {
    "shop": "acme",
    "sku": "TEE-S",
    "product_slug": "classic-tee",
    "title": "Classic Tee",
    "status": "active",
    "category": "shirts",
    "brand": "nordwear",
    "tax_class": "standard",
    "description": "<p>Soft cotton.</p>",
    "option:size": "S",
    "option:colour": "",
    "weight_grams": "180",
    "barcode": "4006381333931",
    "price": "19.99",
    "currency": "EUR",
    "compare_at_price": "",
    "offer_active": "yes",
    "stock:main": "10",
    "attr:material": "cotton",
    "attr:waterproof": "no",
}


def line(**changes: str) -> dict[str, str]:
    """GOOD_LINE with some cells changed (`option_size=` for `option:size`,
    `stock_main=`, `attr_material=` alike)."""
    cells = dict(GOOD_LINE)
    for name, value in changes.items():
        column = name.replace("option_", "option:").replace("attr_", "attr:")
        cells[column.replace("stock_", "stock:")] = value
    return cells


def csv_file(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    """The rows as a UTF-8 CSV file; a missing cell is written blank."""
    header = header or HEADER
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode("utf-8")


@dataclass
class Catalog:
    shop: Shop
    other_shop: Shop
    category: Category
    brand: Brand
    main: Warehouse
    backup: Warehouse
    other_main: Warehouse
    material: Attribute


@pytest.fixture
def catalog(db) -> Catalog:
    shop = ShopFactory(slug="acme")
    other_shop = ShopFactory(slug="globex")
    Option.objects.create(code="size", name="Size", position=0)
    Option.objects.create(code="colour", name="Colour", position=1)
    material = Attribute.objects.create(
        code="material", name="Material", type=AttributeType.CHOICE
    )
    AttributeChoice.objects.create(attribute=material, value="Cotton", slug="cotton")
    AttributeChoice.objects.create(
        attribute=material, value="Wool", slug="wool", position=1
    )
    Attribute.objects.create(
        code="waterproof", name="Waterproof", type=AttributeType.BOOL
    )
    Attribute.objects.create(code="weight-kg", name="Weight", type=AttributeType.NUMBER)
    Attribute.objects.create(code="care", name="Care", type=AttributeType.TEXT)
    return Catalog(
        shop=shop,
        other_shop=other_shop,
        category=CategoryFactory(slug="shirts"),
        brand=BrandFactory(slug="nordwear"),
        main=WarehouseFactory(shop=shop, code="main"),
        backup=WarehouseFactory(shop=shop, code="backup"),
        other_main=WarehouseFactory(shop=other_shop, code="main"),
        material=material,
    )


@pytest.fixture
def clerk():
    return UserFactory(is_staff=True)
