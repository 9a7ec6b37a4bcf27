"""A vendor's import, limited to its shop: only its own products and offers
change; another shop's rows are line-numbered errors that never name that
shop, and nothing is half-imported. Its history is the shop's own."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from emporium.catalog.models import Offer, Product
from emporium.catalog.tests.factories import OfferFactory, ProductFactory
from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.errors import ImportNotFound, InvalidCatalogFile
from emporium.catalog_io.selectors import get_shop_import, list_shop_imports
from emporium.catalog_io.services import import_catalog, run_catalog_import
from emporium.catalog_io.tests.conftest import csv_file, line

pytestmark = pytest.mark.django_db


def refused(catalog, clerk, rows) -> list[str]:
    with pytest.raises(InvalidCatalogFile) as caught:
        import_catalog(file=csv_file(rows), actor=clerk, shop=catalog.shop)
    return [str(error) for error in caught.value.errors]


@pytest.fixture
def their_product(catalog):
    """globex's product "globex-tee", closed to other sellers, one offer."""
    return OfferFactory(
        shop=catalog.other_shop,
        sku="G-TEE",
        variant__product__shop=catalog.other_shop,
        variant__product__slug="globex-tee",
        variant__product__title="Globex Tee",
        variant__product__category=catalog.category,
    ).variant.product


def test_another_shops_line_is_refused_with_its_line_and_nothing_is_written(
    catalog, clerk
):
    rows = [line(), line(shop="globex", sku="G-1", product_slug="globex-tee")]

    errors = refused(catalog, clerk, rows)

    assert errors == ['line 3, shop: this import is limited to shop "acme"']
    assert not Product.objects.exists()
    assert not Offer.objects.exists()


def test_another_shops_closed_product_is_refused_without_naming_the_shop(
    catalog, clerk, their_product
):
    rows = [line(), line(sku="MY-G", product_slug="globex-tee", title="Globex Tee")]

    errors = refused(catalog, clerk, rows)

    assert errors == [
        'line 3, shop: product "globex-tee" belongs to another shop and is not '
        "open to other sellers"
    ]
    assert "globex" not in errors[0].replace("globex-tee", "")
    assert not Offer.objects.filter(shop=catalog.shop).exists()


def test_changing_another_shops_open_product_is_refused(catalog, clerk, their_product):
    their_product.is_open_to_other_sellers = True
    their_product.save()
    rows = [line(sku="MY-G", product_slug="globex-tee", title="My Tee")]

    errors = refused(catalog, clerk, rows)

    assert len(errors) == 1
    assert errors[0].startswith(
        'line 2, shop: product "globex-tee" belongs to another shop: only it may '
        "change the product"
    )
    their_product.refresh_from_db()
    assert their_product.title == "Globex Tee"


def test_offering_another_shops_open_product_as_it_is_is_imported(
    catalog, clerk, their_product
):
    their_product.is_open_to_other_sellers = True
    their_product.save()
    cells = {
        "sku": "MY-G",
        "product_slug": "globex-tee",
        "title": "Globex Tee",
        "brand": "",
        "description": "",
        "option_size": "",
        "weight_grams": "",
        "barcode": "",
        "attr_material": "",
        "attr_waterproof": "",
        "price": "17.00",
    }

    result = import_catalog(
        file=csv_file([line(**cells)]), actor=clerk, shop=catalog.shop
    )

    assert result.created == 1
    offer = Offer.objects.get(shop=catalog.shop)
    assert (offer.variant.product, offer.price_amount) == (
        their_product,
        Decimal("17.00"),
    )


def test_a_sku_another_shop_uses_is_the_importing_shops_own(
    catalog, clerk, their_product
):
    import_catalog(file=csv_file([line(sku="G-TEE")]), actor=clerk, shop=catalog.shop)

    theirs = Offer.objects.get(shop=catalog.other_shop)
    mine = Offer.objects.get(shop=catalog.shop)
    assert theirs.sku == mine.sku == "G-TEE"
    assert theirs.variant.product == their_product
    assert mine.variant.product.slug == "classic-tee"


def test_run_catalog_import_keeps_the_record_with_the_shop(catalog, clerk):
    upload = SimpleUploadedFile("mine.csv", csv_file([line()]))

    record = run_catalog_import(upload=upload, actor=clerk, shop=catalog.shop)

    assert (record.status, record.shop, record.created_count) == (
        ImportStatus.SUCCEEDED,
        catalog.shop,
        1,
    )


def test_a_shops_import_history_is_its_own(catalog, clerk):
    mine = run_catalog_import(
        upload=SimpleUploadedFile("a.csv", csv_file([line()])),
        actor=clerk,
        shop=catalog.shop,
        dry_run=True,
    )
    theirs = run_catalog_import(
        upload=SimpleUploadedFile("b.csv", csv_file([line(shop="globex")])),
        actor=clerk,
        shop=catalog.other_shop,
        dry_run=True,
    )
    staff = run_catalog_import(
        upload=SimpleUploadedFile("c.csv", csv_file([line()])),
        actor=clerk,
        dry_run=True,
    )

    assert list(list_shop_imports(shop=catalog.shop)) == [mine]
    assert get_shop_import(shop=catalog.shop, import_id=mine.pk) == mine
    for other in (theirs, staff):
        with pytest.raises(ImportNotFound) as caught:
            get_shop_import(shop=catalog.shop, import_id=other.pk)
        assert caught.value.code == "import_not_found"


def test_a_refused_vendor_file_is_recorded_with_its_errors(catalog, clerk):
    ProductFactory(shop=catalog.other_shop, slug="classic-tee")
    upload = SimpleUploadedFile("bad.csv", csv_file([line()]))

    record = run_catalog_import(upload=upload, actor=clerk, shop=catalog.shop)

    assert record.status == ImportStatus.FAILED
    assert [error["line"] for error in record.errors] == [2]
    assert not Offer.objects.exists()
