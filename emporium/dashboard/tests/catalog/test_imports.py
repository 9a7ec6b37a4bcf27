"""Dashboard page of CSV import and export: upload (dry run or not), the
report with every error by line, the shop's history, the download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from emporium.catalog.models import Offer, Product
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.catalog_io.models import CatalogImport
from emporium.dashboard.tests.catalog.support import texts, url
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db

HEADER = "shop,sku,product_slug,title,status,category,price,currency,stock:main"
GOOD = "acme,TEE-S,classic-tee,Classic Tee,active,shirts,19.99,EUR,7"


def upload(*lines: str, name: str = "catalog.csv") -> SimpleUploadedFile:
    text = "\n".join([HEADER, *lines]) + "\n"
    return SimpleUploadedFile(name, text.encode(), "text/csv")


@pytest.fixture
def catalog(shop):
    CategoryFactory(slug="shirts")
    WarehouseFactory(shop=shop, code="main")


def test_an_import_creates_the_shops_catalogue_and_shows_the_report(
    owner, shop, catalog
):
    response = owner.post(url("catalog-io"), {"file": upload(GOOD)}, follow=True)

    offer = Offer.objects.get()
    assert (offer.shop, offer.variant.product.shop) == (shop, shop)
    page = texts(response)
    assert "Imported: 1 lines created, 0 updated, 0 unchanged." in page
    assert "The file was imported." in page


def test_a_dry_run_imports_nothing(owner, catalog):
    response = owner.post(
        url("catalog-io"), {"file": upload(GOOD), "dry_run": "on"}, follow=True
    )

    assert not Product.objects.exists()
    assert "nothing was imported (dry run)" in texts(response)


def test_another_shops_rows_are_reported_by_line_and_nothing_is_imported(
    owner, shop, other_shop, catalog
):
    OfferFactory(variant__product__shop=other_shop, variant__product__slug="g-tee")
    file = upload(
        GOOD,
        "globex,G-1,g-tee,Globex Tee,active,shirts,9.99,EUR,",
        "acme,MY-G,g-tee,Globex Tee,active,shirts,9.99,EUR,",
    )

    response = owner.post(url("catalog-io"), {"file": file}, follow=True)

    page = texts(response)
    assert "The file has 2 errors; nothing was imported." in page
    assert "Line 3" in page
    assert "this import is limited to shop &quot;acme&quot;" in page
    assert "Line 4" in page
    assert "belongs to another shop and is not open to other sellers" in page
    assert not Product.objects.filter(shop=shop).exists()


@pytest.mark.parametrize("rows", [2, 20])
def test_the_history_shows_the_shops_imports_at_a_fixed_cost(
    owner, shop, other_shop, frame_queries, django_assert_num_queries, rows
):
    for n in range(rows):
        CatalogImport.objects.create(
            shop=shop, status="succeeded", file=f"catalog_imports/x/mine-{n}.csv"
        )
    CatalogImport.objects.create(
        shop=other_shop, status="succeeded", file="catalog_imports/x/theirs.csv"
    )

    with django_assert_num_queries(frame_queries + 2):  # count, page
        response = owner.get(url("catalog-io"))

    page = texts(response)
    assert page.count("mine-") == rows
    assert "theirs.csv" not in page


def test_export_downloads_only_the_shops_offers(owner, shop, other_shop):
    StockFactory(
        offer__variant__product__shop=shop, offer__sku="MINE", warehouse__code="main"
    )
    OfferFactory(variant__product__shop=other_shop, sku="THEIRS")

    response = owner.get(url("catalog-export"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffshop,sku,")
    assert "acme,MINE," in text
    assert "THEIRS" not in text
