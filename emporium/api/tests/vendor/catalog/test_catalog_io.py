"""The vendor API of CSV import and export of the shop's own catalogue:
/api/v1/vendor/catalog/import/, imports/, export/."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES
from emporium.catalog.models import Offer, Product
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.catalog_io.models import CatalogImport
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db

IMPORT = f"{API}/catalog/import/"
IMPORTS = f"{API}/catalog/imports/"
EXPORT = f"{API}/catalog/export/"
HEADER = "shop,sku,product_slug,title,status,category,price,currency,stock:main"


def upload(*lines: str) -> SimpleUploadedFile:
    text = "\n".join([HEADER, *lines]) + "\n"
    return SimpleUploadedFile("catalog.csv", text.encode(), "text/csv")


@pytest.fixture
def category(db):
    return CategoryFactory(slug="shirts")


@pytest.fixture
def main(shop):
    return WarehouseFactory(shop=shop, code="main")


def test_import_creates_the_shops_products_offers_and_stock(
    owner_client, shop, category, main
):
    file = upload("acme,TEE-S,classic-tee,Classic Tee,active,shirts,19.99,EUR,7")

    response = owner_client.post(IMPORT, {"file": file}, format="multipart")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["created"], body["is_dry_run"]) == (
        "succeeded",
        1,
        False,
    )
    offer = Offer.objects.get()
    assert (offer.shop, offer.variant.product.shop) == (shop, shop)
    assert offer.stocks.get().quantity_on_hand == 7


def test_a_dry_run_counts_and_writes_nothing(owner_client, shop, category, main):
    file = upload("acme,TEE-S,classic-tee,Classic Tee,active,shirts,19.99,EUR,7")

    response = owner_client.post(
        IMPORT, {"file": file, "dry_run": True}, format="multipart"
    )

    assert response.status_code == 201
    assert (response.json()["created"], response.json()["is_dry_run"]) == (1, True)
    assert not Product.objects.exists()


def test_another_shops_rows_are_refused_by_line_and_nothing_is_imported(
    owner_client, shop, other_shop, category, main
):
    OfferFactory(
        variant__product__shop=other_shop,
        variant__product__slug="globex-tee",
        sku="G-1",
    )
    file = upload(
        "acme,TEE-S,classic-tee,Classic Tee,active,shirts,19.99,EUR,7",
        "globex,G-1,globex-tee,Globex Tee,active,shirts,9.99,EUR,",
        "acme,MY-G,globex-tee,Globex Tee,active,shirts,9.99,EUR,",
    )

    response = owner_client.post(IMPORT, {"file": file}, format="multipart")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_catalog_file"
    assert body["detail"] == "The file has 2 errors; nothing was imported."
    assert body["fields"]["file"] == [
        'line 3, shop: this import is limited to shop "acme"',
        'line 4, shop: product "globex-tee" belongs to another shop and is not '
        "open to other sellers",
    ]
    assert not Product.objects.filter(shop=shop).exists()
    assert CatalogImport.objects.get().shop == shop  # kept in the history


def test_an_upload_without_a_file_is_refused(owner_client):
    response = owner_client.post(IMPORT, {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()["fields"]


def test_the_history_lists_the_shops_imports_at_a_fixed_cost(
    owner_client, shop, other_shop, category, main, django_assert_num_queries
):
    line = "acme,TEE-S,classic-tee,Classic Tee,active,shirts,19.99,EUR,7"
    for _ in range(3):
        owner_client.post(
            IMPORT, {"file": upload(line), "dry_run": True}, format="multipart"
        )
    CatalogImport.objects.create(shop=other_shop, status="succeeded")

    with django_assert_num_queries(VENDOR_QUERIES + 2):
        body = owner_client.get(IMPORTS).json()

    assert body["count"] == 3
    first = body["results"][0]
    assert (first["file_name"], first["uploaded_by"]) == (
        "catalog.csv",
        shop.owner.email,
    )
    detail = owner_client.get(f"{IMPORTS}{first['id']}/")
    assert detail.json()["created"] == 1


def test_export_downloads_the_shops_offers_as_csv(owner_client, shop, other_shop):
    StockFactory(
        offer__variant__product__shop=shop,
        offer__sku="MINE",
        warehouse__code="main",
        quantity_on_hand=4,
    )
    OfferFactory(variant__product__shop=other_shop, sku="THEIRS")
    WarehouseFactory(shop=other_shop, code="elsewhere")

    response = owner_client.get(EXPORT, HTTP_ACCEPT="text/csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"catalog-{shop.slug}-" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(row["shop"], row["sku"], row["stock:main"]) for row in rows] == [
        ("acme", "MINE", "4")
    ]
    assert "stock:elsewhere" not in rows[0]


def test_export_refusals_answer_json(api_client):
    response = api_client.get(EXPORT, HTTP_ACCEPT="text/csv")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
