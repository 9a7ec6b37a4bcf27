"""The admin's import page, import history and catalog export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Offer, Product
from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.models import CatalogImport
from emporium.catalog_io.tests.conftest import csv_file, line

pytestmark = pytest.mark.django_db

ADD = "admin:catalog_io_catalogimport_add"
EXPORT = "admin:catalog_io_catalogimport_export"
LIST = "admin:catalog_io_catalogimport_changelist"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def upload(client, data: bytes, **fields):
    upload = SimpleUploadedFile("catalog.csv", data, content_type="text/csv")
    return client.post(reverse(ADD), {"file": upload, **fields})


def test_import_page_opens(admin_client):
    page = admin_client.get(reverse(ADD))

    assert page.status_code == 200
    assert b'name="dry_run"' in page.content


def test_bad_file_shows_every_error_and_imports_nothing(catalog, admin_client):
    data = csv_file([line(price="12,50"), line(sku="TEE-M", category="hats")])

    page = upload(admin_client, data)

    assert page.status_code == 200
    html = page.content.decode()
    assert "The file has 2 errors; nothing was imported." in html
    assert "line 2, price: &quot;12,50&quot; is not a decimal amount" in html
    assert "line 3, category: unknown category &quot;hats&quot;" in html
    assert not Product.objects.exists()
    record = CatalogImport.objects.get()
    assert record.status == ImportStatus.FAILED
    assert record.errors[0] == {
        "line": 2,
        "column": "price",
        "message": '"12,50" is not a decimal amount (like 12.50)',
    }


def test_good_file_is_imported_and_recorded(catalog, admin_client):
    page = upload(admin_client, csv_file([line()]))

    record = CatalogImport.objects.get()
    assert page.status_code == 302
    change = reverse("admin:catalog_io_catalogimport_change", args=[record.pk])
    assert page.url == change
    assert Offer.objects.get().sku == "TEE-S"
    assert (record.status, record.created_count, record.is_dry_run) == (
        ImportStatus.SUCCEEDED,
        1,
        False,
    )
    assert record.file.read().startswith(b"shop,sku,")
    history = admin_client.get(page.url)
    assert history.status_code == 200
    assert b"Imported: 1 lines created, 0 updated, 0 unchanged." in history.content


def test_dry_run_imports_nothing(catalog, admin_client):
    page = upload(admin_client, csv_file([line()]), dry_run="on")

    assert page.status_code == 302
    assert not Product.objects.exists()
    assert CatalogImport.objects.get().is_dry_run is True


def test_history_lists_imports_with_an_export_button(catalog, admin_client):
    upload(admin_client, csv_file([line(price="x")]))

    page = admin_client.get(reverse(LIST))

    assert page.status_code == 200
    assert reverse(EXPORT).encode() in page.content
    assert b"Export catalog CSV" in page.content


def test_export_streams_the_catalog_as_csv(catalog, admin_client):
    upload(admin_client, csv_file([line()]))

    response = admin_client.get(reverse(EXPORT))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="catalog-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffshop,sku,product_slug,")
    assert "\r\nacme,TEE-S,classic-tee,Classic Tee," in body


@pytest.mark.parametrize("name", [ADD, EXPORT, LIST])
def test_non_staff_are_sent_to_the_login_page(client, name):
    client.force_login(UserFactory(is_staff=False))

    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_non_staff_upload_imports_nothing(catalog, client):
    client.force_login(UserFactory(is_staff=False))

    response = upload(client, csv_file([line()]))

    assert response.status_code == 302
    assert not Product.objects.exists()
    assert not CatalogImport.objects.exists()


def test_staff_without_permissions_cannot_import_or_export(catalog, client):
    client.force_login(UserFactory(is_staff=True))

    assert upload(client, csv_file([line()])).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 403
    assert not Product.objects.exists()
