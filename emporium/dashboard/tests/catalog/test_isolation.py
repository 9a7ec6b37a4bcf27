"""Cross-vendor isolation of the dashboard's catalogue pages: another
shop's product, variant, image, offer, warehouse, stock row, ledger and
import are not listed and are a 404 page to view, change or delete (and
stay unchanged); visitors sign in first, people who run no shop are
refused, a shop's staff member works like its owner."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from emporium.catalog.models import Offer, Product, ProductImage, ProductVariant
from emporium.catalog.services import add_product_image
from emporium.catalog_io.models import CatalogImport
from emporium.dashboard.tests.catalog.support import texts, url
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.tests.factories import StockFactory

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG")
    return SimpleUploadedFile("x.png", buffer.getvalue(), "image/png")


@pytest.fixture
def theirs(other_shop):
    stock = StockFactory(
        offer__variant__product__shop=other_shop,
        offer__variant__product__title="Their secret draft",
        offer__sku="THEIR-SKU",
        warehouse__name="Their depot",
        quantity_on_hand=9,
    )
    product = stock.offer.variant.product
    image = add_product_image(product_id=product.pk, file=png(), alt_text="Theirs")
    record = CatalogImport.objects.create(
        shop=other_shop, status="succeeded", file="catalog_imports/x/theirs.csv"
    )
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
    return {
        "product": Product.objects.values().get(pk=theirs["product"].pk),
        "variant": ProductVariant.objects.values().get(pk=theirs["variant"].pk),
        "image": ProductImage.objects.values().get(pk=theirs["image"].pk),
        "offer": Offer.objects.values().get(pk=theirs["offer"].pk),
        "warehouse": Warehouse.objects.values().get(pk=theirs["warehouse"].pk),
        "stock": Stock.objects.values().get(pk=theirs["stock"].pk),
        "movements": StockMovement.objects.count(),
    }


# (method, url name, the object of theirs in its path, form data)
TOUCHES = [
    ("get", "product-detail", "product", None),
    ("post", "product-detail", "product", {"title": "Mine"}),
    ("post", "product-attributes", "product", {}),
    ("post", "product-archive", "product", {}),
    ("get", "variant-create", "product", None),
    ("post", "variant-create", "product", {"name": "XL", "position": "0"}),
    ("post", "image-upload", "product", {}),
    ("get", "variant-edit", "variant", None),
    ("post", "variant-edit", "variant", {"name": "Mine", "position": "0"}),
    ("post", "variant-activity", "variant", {"active": "0"}),
    ("post", "image-edit", "image", {}),
    ("post", "image-delete", "image", {}),
    ("get", "offer-edit", "offer", None),
    ("post", "offer-edit", "offer", {"sku": "MINE", "price": "0.01"}),
    ("post", "offer-toggle", "offer", {"active": "0"}),
    ("post", "offer-stock-create", "offer", {"quantity": "1"}),
    ("get", "stock-detail", "stock", None),
    ("post", "stock-adjust", "stock", {"delta": "-9", "reason": "adjustment"}),
    ("post", "stock-settings", "stock", {"low_stock_threshold": "0"}),
    ("get", "warehouse-edit", "warehouse", None),
    ("post", "warehouse-edit", "warehouse", {"name": "Mine", "code": "x"}),
    ("get", "catalog-import", "import", None),
]


@pytest.mark.parametrize(
    ("method", "name", "target", "data"),
    TOUCHES,
    ids=[f"{m} {n}" for m, n, _, _ in TOUCHES],
)
def test_another_shops_object_is_a_404_and_unchanged(
    owner, theirs, method, name, target, data
):
    before = snapshot(theirs)
    path = url(name, theirs[target].pk)
    if name == "image-upload":
        data = {"file": png()}

    response = (
        getattr(owner, method)(path, data) if data else getattr(owner, method)(path)
    )

    assert response.status_code == 404
    assert snapshot(theirs) == before


def test_offering_their_closed_variant_is_a_404(owner, theirs):
    path = f"{url('offer-create')}?variant={theirs['variant'].pk}"

    assert owner.get(path).status_code == 404
    assert (
        owner.post(path, {"sku": "X", "price": "1", "currency": "EUR"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    "name", ["products", "offers", "stock", "warehouses", "catalog-io", "offer-create"]
)
def test_lists_never_show_another_shops_objects(owner, theirs, name):
    page = texts(owner.get(url(name)))

    for secret in ("Their secret draft", "THEIR-SKU", "Their depot", "theirs.csv"):
        assert secret not in page


def test_their_warehouse_is_not_a_filter_choice(owner, theirs):
    response = owner.get(url("stock"), {"warehouse": theirs["warehouse"].pk})

    assert "THEIR-SKU" not in texts(response)
    assert "Their depot" not in texts(response)


# --- Who may open the pages at all ----------------------------------------------

PAGES = [
    ("products", ()),
    ("product-create", ()),
    ("product-detail", (1,)),
    ("variant-edit", (1,)),
    ("offers", ()),
    ("offer-create", ()),
    ("open-products", ()),
    ("offer-edit", (1,)),
    ("stock", ()),
    ("stock-detail", (1,)),
    ("warehouses", ()),
    ("warehouse-create", ()),
    ("warehouse-edit", (1,)),
    ("catalog-io", ()),
    ("catalog-import", (1,)),
    ("catalog-export", ()),
]


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[n for n, _ in PAGES])
def test_visitors_are_sent_to_sign_in(client, name, args):
    response = client.get(url(name, *args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[n for n, _ in PAGES])
def test_people_who_run_no_shop_are_refused(client, stranger, name, args):
    client.force_login(stranger)

    response = client.get(url(name, *args))

    assert response.status_code == 403
    assert "You do not run a shop yet" in texts(response)


def test_a_staff_member_of_the_shop_runs_its_catalogue(client, shop, staff_member):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=3)
    client.force_login(staff_member)

    for name, args in [("products", ()), ("stock-detail", (stock.pk,))]:
        assert client.get(url(name, *args)).status_code == 200
    client.post(url("stock-adjust", stock.pk), {"delta": "2", "reason": "receipt"})

    stock.refresh_from_db()
    assert stock.quantity_on_hand == 5
    assert stock.movements.get().actor == staff_member
