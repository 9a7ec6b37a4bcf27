"""Cross-vendor isolation of the vendor catalogue API: another shop's
product, variant, image, offer, warehouse, stock row, ledger and import are
invisible in lists and 404 on detail, update and delete (and unchanged);
anonymous callers get 401, people who run no shop 403 `not_a_vendor`."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from emporium.api.tests.vendor.catalog.support import API, client_for
from emporium.catalog.models import Offer, Product, ProductImage, ProductVariant
from emporium.catalog.services import add_product_image
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.catalog_io.models import CatalogImport
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.vendors.tests.factories import ShopMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(other_shop):
    """Everything of another shop: a stocked offer of its product, an image,
    an import."""
    stock = StockFactory(offer__variant__product__shop=other_shop, quantity_on_hand=9)
    product = stock.offer.variant.product
    buffer = BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG")
    image = add_product_image(
        product_id=product.pk,
        file=SimpleUploadedFile("x.png", buffer.getvalue(), "image/png"),
        alt_text="Theirs",
    )
    record = CatalogImport.objects.create(shop=other_shop, status="succeeded")
    return {
        "product": product,
        "variant": stock.offer.variant,
        "image": image,
        "offer": stock.offer,
        "warehouse": stock.warehouse,
        "stock": stock,
        "import": record,
    }


def snapshot(theirs: dict) -> dict:
    """Every row of theirs as stored, to prove nothing changed."""
    return {
        "product": Product.objects.values().get(pk=theirs["product"].pk),
        "variant": ProductVariant.objects.values().get(pk=theirs["variant"].pk),
        "image": ProductImage.objects.values().get(pk=theirs["image"].pk),
        "offer": Offer.objects.values().get(pk=theirs["offer"].pk),
        "warehouse": Warehouse.objects.values().get(pk=theirs["warehouse"].pk),
        "stock": Stock.objects.values().get(pk=theirs["stock"].pk),
        "movements": StockMovement.objects.count(),
    }


# (method, url of their object, body, the code a 404 answers)
TOUCHES = [
    ("get", "/products/{product}/", None, "product_not_found"),
    ("patch", "/products/{product}/", {"title": "Mine"}, "product_not_found"),
    ("delete", "/products/{product}/", None, "product_not_found"),
    ("put", "/products/{product}/attributes/", {"attributes": []}, "product_not_found"),
    ("post", "/products/{product}/variants/", {"name": "XL"}, "product_not_found"),
    ("get", "/variants/{variant}/", None, "variant_not_found"),
    ("patch", "/variants/{variant}/", {"name": "Mine"}, "variant_not_found"),
    ("delete", "/variants/{variant}/", None, "variant_not_found"),
    ("get", "/images/{image}/", None, "image_not_found"),
    ("patch", "/images/{image}/", {"alt_text": "Mine"}, "image_not_found"),
    ("delete", "/images/{image}/", None, "image_not_found"),
    ("get", "/offers/{offer}/", None, "offer_not_found"),
    ("patch", "/offers/{offer}/", {"price": "0.01"}, "offer_not_found"),
    ("delete", "/offers/{offer}/", None, "offer_not_found"),
    ("get", "/warehouses/{warehouse}/", None, "warehouse_not_found"),
    ("patch", "/warehouses/{warehouse}/", {"name": "Mine"}, "warehouse_not_found"),
    ("delete", "/warehouses/{warehouse}/", None, "warehouse_not_found"),
    ("get", "/stock/{stock}/", None, "stock_not_found"),
    ("patch", "/stock/{stock}/", {"low_stock_threshold": 0}, "stock_not_found"),
    (
        "post",
        "/stock/{stock}/adjustments/",
        {"delta": -9, "reason": "adjustment"},
        "stock_not_found",
    ),
    ("get", "/stock/{stock}/movements/", None, "stock_not_found"),
    ("get", "/catalog/imports/{import}/", None, "import_not_found"),
]


def url_of(template: str, theirs: dict) -> str:
    return API + template.format(**{k: v.pk for k, v in theirs.items()})


@pytest.mark.parametrize(
    ("method", "template", "body", "code"),
    TOUCHES,
    ids=[f"{m} {t}" for m, t, _, _ in TOUCHES],
)
def test_another_shops_object_is_not_found_and_unchanged(
    owner_client, theirs, method, template, body, code
):
    before = snapshot(theirs)

    response = getattr(owner_client, method)(url_of(template, theirs), body)

    assert response.status_code == 404, response.json()
    assert response.json()["code"] == code
    assert snapshot(theirs) == before


# (list url, the object of theirs it must not show)
LISTS = [
    ("/products/", "product"),
    ("/offers/", "offer"),
    ("/warehouses/", "warehouse"),
    ("/stock/", "stock"),
    ("/catalog/imports/", "import"),
]


@pytest.mark.parametrize(("path", "name"), LISTS)
def test_another_shops_objects_are_not_listed(owner_client, theirs, path, name):
    response = owner_client.get(API + path)

    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert theirs[name].pk not in [row["id"] for row in response.json()["results"]]


def test_their_offer_and_stock_are_not_listed_by_filters(owner_client, theirs):
    by_offer = owner_client.get(f"{API}/stock/", {"offer": theirs["offer"].pk})
    by_warehouse = owner_client.get(
        f"{API}/stock/", {"warehouse": theirs["warehouse"].pk}
    )

    assert by_offer.json()["count"] == by_warehouse.json()["count"] == 0


def test_stock_cannot_be_placed_with_their_offer_or_warehouse(
    owner_client, shop, theirs
):
    mine = OfferFactory(variant__product__shop=shop)
    my_warehouse = WarehouseFactory(shop=shop)

    their_offer = owner_client.post(
        f"{API}/stock/", {"offer": theirs["offer"].pk, "warehouse": my_warehouse.pk}
    )
    their_warehouse = owner_client.post(
        f"{API}/stock/", {"offer": mine.pk, "warehouse": theirs["warehouse"].pk}
    )

    assert (their_offer.status_code, their_offer.json()["code"]) == (
        404,
        "offer_not_found",
    )
    assert (their_warehouse.status_code, their_warehouse.json()["code"]) == (
        404,
        "warehouse_not_found",
    )


def test_an_image_cannot_be_uploaded_to_their_product(owner_client, theirs):
    buffer = BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG")

    response = owner_client.post(
        url_of("/products/{product}/images/", theirs),
        {"file": SimpleUploadedFile("x.png", buffer.getvalue(), "image/png")},
        format="multipart",
    )

    assert (response.status_code, response.json()["code"]) == (
        404,
        "product_not_found",
    )
    assert ProductImage.objects.count() == 1


# --- Who may call at all --------------------------------------------------------

ROUTES = [
    ("get", "/products/"),
    ("post", "/products/"),
    ("get", "/products/1/"),
    ("patch", "/products/1/"),
    ("delete", "/products/1/"),
    ("put", "/products/1/attributes/"),
    ("post", "/products/1/variants/"),
    ("post", "/products/1/images/"),
    ("get", "/variants/1/"),
    ("patch", "/variants/1/"),
    ("delete", "/variants/1/"),
    ("get", "/images/1/"),
    ("patch", "/images/1/"),
    ("delete", "/images/1/"),
    ("get", "/offers/"),
    ("post", "/offers/"),
    ("get", "/offers/1/"),
    ("patch", "/offers/1/"),
    ("delete", "/offers/1/"),
    ("get", "/open-products/"),
    ("get", "/warehouses/"),
    ("post", "/warehouses/"),
    ("get", "/warehouses/1/"),
    ("patch", "/warehouses/1/"),
    ("delete", "/warehouses/1/"),
    ("get", "/stock/"),
    ("post", "/stock/"),
    ("get", "/stock/1/"),
    ("patch", "/stock/1/"),
    ("post", "/stock/1/adjustments/"),
    ("get", "/stock/1/movements/"),
    ("post", "/catalog/import/"),
    ("get", "/catalog/imports/"),
    ("get", "/catalog/imports/1/"),
    ("get", "/catalog/export/"),
]
ROUTE_IDS = [f"{method} {path}" for method, path in ROUTES]


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=ROUTE_IDS)
def test_anonymous_callers_get_401(api_client, method, path):
    response = getattr(api_client, method)(API + path)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=ROUTE_IDS)
def test_people_who_run_no_shop_get_403_not_a_vendor(stranger_client, method, path):
    response = getattr(stranger_client, method)(API + path)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_vendor"


def test_a_shop_not_run_by_the_caller_is_not_found(owner_client, other_shop):
    response = owner_client.get(f"{API}/products/", {"shop": other_shop.slug})

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"


def test_a_person_of_two_shops_names_the_one_to_work_on(shop, other_shop):
    ShopMemberFactory(shop=other_shop, user=shop.owner)
    client = client_for(shop.owner)
    category = CategoryFactory()

    unnamed = client.get(f"{API}/products/")
    created = client.post(
        f"{API}/products/?shop={other_shop.slug}",
        {"title": "For globex", "category": category.pk},
    )
    by_header = client.get(f"{API}/products/", HTTP_X_SHOP=other_shop.slug)

    assert (unnamed.status_code, unnamed.json()["code"]) == (400, "shop_required")
    assert Product.objects.get(pk=created.json()["id"]).shop == other_shop
    assert by_header.json()["count"] == 1
