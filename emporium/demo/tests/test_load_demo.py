"""`manage.py load_demo`: a small, complete, consistent demo catalog."""

from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, Sum

from emporium.catalog.constants import THUMBNAIL_WIDTHS, ProductStatus
from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Offer,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.catalog.validators import validate_gtin
from emporium.demo.builder import DemoOptions
from emporium.demo.images import SIZE
from emporium.demo.management.commands import load_demo
from emporium.inventory.models import Stock, Warehouse
from emporium.pricing.models import TaxRate
from emporium.shipping.models import ShippingMethod
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo() -> None:
    # Pictures cost ~0.3 s each (WebP): only the picture test asks for them.
    load(products=30, images=0)


@pytest.mark.usefixtures("demo")
def test_load_demo_opens_five_approved_shops_and_one_pending():
    statuses = list(Shop.objects.values_list("status", flat=True))

    assert statuses.count(ShopStatus.APPROVED) == 5
    assert statuses.count(ShopStatus.PENDING) == 1
    approved = Shop.objects.filter(status=ShopStatus.APPROVED)
    assert all(shop.status_events.count() == 1 for shop in approved)
    assert all(shop.logo and shop.description for shop in approved)


@pytest.mark.usefixtures("demo")
def test_load_demo_builds_a_category_tree_of_25_with_5_roots():
    roots = Category.objects.filter(depth=1)

    assert Category.objects.count() == 25
    assert roots.count() == 5
    assert all(root.numchild == 4 for root in roots)
    assert Category.objects.filter(depth=2).count() == 20


@pytest.mark.usefixtures("demo")
def test_every_active_product_of_an_approved_shop_has_a_visible_offer():
    listed = Product.objects.filter(
        status=ProductStatus.ACTIVE, shop__status=ShopStatus.APPROVED
    )
    visible_ids = set(Product.objects.visible().values_list("pk", flat=True))

    assert listed.exists()
    assert set(listed.values_list("pk", flat=True)) <= visible_ids
    assert Offer.objects.visible().filter(variant__product__in=listed).exists()


@pytest.mark.usefixtures("demo")
def test_products_of_the_pending_shop_are_not_visible():
    pending = Product.objects.filter(shop__status=ShopStatus.PENDING)

    assert pending.exists()
    assert not Product.objects.visible().filter(pk__in=pending).exists()


@pytest.mark.usefixtures("demo")
def test_fixed_titles_exist_and_are_visible():
    titles = set(Product.objects.visible().values_list("title", flat=True))

    assert {"Classic T-Shirt", "Black Jacket"} <= titles


@pytest.mark.usefixtures("demo")
def test_each_stock_rows_ledger_adds_up_to_its_quantity_on_hand():
    rows = Stock.objects.annotate(ledger=Sum("movements__delta"))

    assert rows.exists()
    assert all((row.ledger or 0) == row.quantity_on_hand for row in rows)
    assert all(row.movements.count() <= 1 for row in rows)


@pytest.mark.usefixtures("demo")
def test_barcodes_are_valid_gtins():
    barcodes = ProductVariant.objects.exclude(barcode="").values_list(
        "barcode", flat=True
    )

    assert barcodes
    for barcode in barcodes:
        validate_gtin(barcode)


@pytest.mark.usefixtures("demo")
def test_offer_skus_are_unique_per_shop():
    duplicates = (
        Offer.objects.values("shop", "sku").annotate(n=Count("pk")).filter(n__gt=1)
    )

    assert not duplicates.exists()


def test_pictures_and_thumbnails_exist_for_the_products_that_got_them():
    load(products=30, images=2)

    pictures = list(ProductImage.objects.all())

    assert {p.product_id for p in pictures} == set(
        Product.objects.order_by("pk").values_list("pk", flat=True)[:2]
    )
    for picture in pictures:
        assert (picture.width, picture.height) == (SIZE, SIZE)
        assert default_storage.exists(picture.image.name)
        # Thumbnails are never upscaled: only the widths up to the original.
        widths = [w for w in THUMBNAIL_WIDTHS if w <= SIZE]
        assert sorted(int(w) for w in picture.thumbnails) == widths
        assert all(default_storage.exists(n) for n in picture.thumbnails.values())


@pytest.mark.usefixtures("demo")
def test_if_empty_adds_nothing_when_products_exist():
    before = (Product.objects.count(), Offer.objects.count(), Shop.objects.count())

    output = load(products=30, images=2, if_empty=True)

    assert "demo data already present" in output
    after = (Product.objects.count(), Offer.objects.count(), Shop.objects.count())
    assert after == before


def test_the_same_seed_gives_the_same_titles_and_a_rerun_keeps_slugs_unique():
    load(products=12, images=0, seed=7)
    load(products=12, images=0, seed=7)

    titles = list(Product.objects.order_by("pk").values_list("title", flat=True))
    assert titles[:12] == titles[12:]
    assert Shop.objects.count() == 6  # the second run reuses the shops
    assert Product.objects.values("slug").distinct().count() == 24


@pytest.mark.usefixtures("demo")
def test_the_demo_can_ship_and_tax_an_order_to_germany():
    assert TaxRate.objects.filter(country="DE", tax_class="standard").exists()
    assert ShippingMethod.objects.filter(zone__countries__contains="DE").exists()


def test_make_run_builds_600_products_by_default():
    assert DemoOptions().products == 600
    parser = load_demo.Command().create_parser("manage.py", "load_demo")
    assert parser.parse_args([]).products == 600


@pytest.mark.usefixtures("demo")
def test_every_approved_shop_keeps_stock_in_two_warehouses():
    for shop in Shop.objects.filter(status=ShopStatus.APPROVED):
        warehouses = Warehouse.objects.filter(shop=shop)
        assert warehouses.count() == 2
        stocked = (
            Stock.objects.filter(warehouse__shop=shop, quantity_on_hand__gt=0)
            .values("warehouse")
            .distinct()
        )
        assert stocked.count() == 2


@pytest.mark.usefixtures("demo")
def test_collections_two_featured_one_on_sale():
    collections = {c.slug: c for c in Collection.objects.annotate(n=Count("entries"))}

    assert set(collections) == {"new-arrivals", "best-sellers", "sale"}
    assert {s for s, c in collections.items() if c.is_featured} == {
        "new-arrivals",
        "best-sellers",
    }
    assert all(c.n > 0 for c in collections.values())


@pytest.mark.usefixtures("demo")
def test_variants_differ_by_size_or_colour_and_products_have_filterable_attributes():
    axes = set(
        ProductVariant.objects.values_list("option_values__option__code", flat=True)
    )
    assert {"size", "colour"} <= axes
    multi = ProductVariant.objects.values("product").annotate(n=Count("pk"))
    assert multi.filter(n__gt=1).exists()
    filterable = Attribute.objects.filter(is_filterable=True)
    assert filterable.exists()
    assert AttributeValue.objects.filter(attribute__in=filterable).exists()
