"""The catalog admin writes through the services: events, the tree rule,
checked uploads and thumbnails."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from emporium.catalog.constants import (
    BRAND_CHANGED,
    CATEGORY_CHANGED,
    COLLECTION_CHANGED,
    OFFER_PRICE_CHANGED,
    OFFER_UPDATED,
    PRODUCT_IMAGE_ADDED,
    PRODUCT_IMAGE_REMOVED,
    PRODUCT_IMAGE_UPDATED,
    PRODUCT_UPDATED,
)
from emporium.catalog.models import Brand, Category, Collection, ProductImage
from emporium.catalog.services import add_product_image
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    OfferFactory,
    ProductFactory,
)
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def _payloads(name: str) -> list[dict]:
    return list(OutboxEvent.objects.filter(name=name).values_list("payload", flat=True))


def _png(name: str = "front.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (500, 300), (20, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


# --- Brands ----------------------------------------------------------------


def test_adding_and_renaming_a_brand_in_the_admin_publishes(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_brand_add"), {"name": "Acme", "slug": "acme"}
    )
    assert response.status_code == 302
    brand = Brand.objects.get()

    admin_client.post(
        reverse("admin:catalog_brand_change", args=[brand.pk]),
        {"name": "Acme Co", "slug": "acme"},
    )

    brand.refresh_from_db()
    assert brand.name == "Acme Co"
    assert _payloads(BRAND_CHANGED) == [
        {"brand_id": brand.pk, "fields": ["created"]},
        {"brand_id": brand.pk, "fields": ["name", "slug"]},
    ]


def test_deleting_a_brand_in_the_admin_publishes(admin_client):
    brand = BrandFactory()

    admin_client.post(
        reverse("admin:catalog_brand_delete", args=[brand.pk]), {"post": "yes"}
    )

    assert not Brand.objects.exists()
    assert _payloads(BRAND_CHANGED) == [{"brand_id": brand.pk, "fields": ["deleted"]}]


# --- Categories ------------------------------------------------------------


def _category_form(category=None, *, parent=None, **fields) -> dict:
    data = {
        "name": category.name if category else "New",
        "slug": category.slug if category else "new",
        "description": "",
        "position": 0,
        "treebeard_position": "sorted-child",
        "treebeard_ref_node": parent.pk if parent else "",
    }
    if category is None or category.is_active:
        data["is_active"] = "on"
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_adding_a_category_in_the_admin_publishes(admin_client):
    parent = CategoryFactory(name="Clothing")

    response = admin_client.post(
        reverse("admin:catalog_category_add"),
        _category_form(parent=parent, name="Shirts", slug="shirts"),
    )

    assert response.status_code == 302
    shirts = Category.objects.get(slug="shirts")
    assert Category.objects.get_parent(shirts) == parent
    assert _payloads(CATEGORY_CHANGED) == [
        {"category_id": shirts.pk, "fields": ["created"]}
    ]


def test_deactivating_a_category_in_the_admin_hides_its_subtree(admin_client):
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", parent=clothing)

    admin_client.post(
        reverse("admin:catalog_category_change", args=[clothing.pk]),
        _category_form(clothing, is_active=None),
    )

    shirts.refresh_from_db()
    assert shirts.is_active is False
    assert _payloads(CATEGORY_CHANGED)[-1]["category_id"] == clothing.pk
    assert "is_active" in _payloads(CATEGORY_CHANGED)[-1]["fields"]


def test_activating_a_category_under_an_inactive_parent_warns_and_keeps_it_hidden(
    admin_client,
):
    parent = CategoryFactory(is_active=False)
    child = CategoryFactory(parent=parent, is_active=False)

    response = admin_client.post(
        reverse("admin:catalog_category_change", args=[child.pk]),
        _category_form(child, parent=parent, is_active="on"),
        follow=True,
    )

    child.refresh_from_db()
    assert child.is_active is False
    assert "its parent category is inactive" in response.text


def test_dragging_a_category_in_the_admin_publishes(admin_client):
    clothing = CategoryFactory(name="Clothing")
    shoes = CategoryFactory(name="Shoes")

    response = admin_client.post(
        reverse("admin:catalog_category_changelist") + "move/",
        {"node": shoes.pk, "target": clothing.pk, "relation": "child"},
    )

    assert response.status_code == 200
    shoes.refresh_from_db()
    assert Category.objects.get_parent(shoes) == clothing
    assert _payloads(CATEGORY_CHANGED) == [
        {"category_id": shoes.pk, "fields": ["parent"]}
    ]


def test_deleting_a_category_with_products_below_it_is_refused(admin_client):
    clothing = CategoryFactory()
    shirts = CategoryFactory(parent=clothing)
    ProductFactory(category=shirts, title="Linen Shirt")
    url = reverse("admin:catalog_category_delete", args=[clothing.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "Linen Shirt" in page.text
    assert Category.objects.count() == 2
    assert _payloads(CATEGORY_CHANGED) == []


def test_deleting_an_empty_category_in_the_admin_publishes(admin_client):
    category = CategoryFactory()

    admin_client.post(
        reverse("admin:catalog_category_delete", args=[category.pk]), {"post": "yes"}
    )

    assert not Category.objects.exists()
    assert _payloads(CATEGORY_CHANGED) == [
        {"category_id": category.pk, "fields": ["deleted"]}
    ]


# --- Collections -----------------------------------------------------------


def test_collection_admin_sets_the_ordered_products_through_the_service(
    admin_client,
):
    first, second = ProductFactory(), ProductFactory()
    data = {
        "name": "Summer",
        "slug": "summer",
        "description": "",
        "entries-TOTAL_FORMS": 2,
        "entries-INITIAL_FORMS": 0,
        "entries-0-product": second.pk,
        "entries-0-position": 5,
        "entries-1-product": first.pk,
        "entries-1-position": 1,
    }

    response = admin_client.post(reverse("admin:catalog_collection_add"), data)

    assert response.status_code == 302
    collection = Collection.objects.get()
    assert list(collection.entries.values_list("product_id", "position")) == [
        (first.pk, 0),
        (second.pk, 1),
    ]
    assert [p["fields"] for p in _payloads(COLLECTION_CHANGED)] == [
        ["created"],
        ["products"],
    ]


# --- Product images --------------------------------------------------------


def _product_form(product, images: list[dict]) -> dict:
    data = {
        "title": product.title,
        "slug": product.slug,
        "description": "",
        "status": product.status,
        "shop": product.shop_id,
        "category": product.category_id,
        "brand": "",
        "tax_class": product.tax_class,
        "variants-TOTAL_FORMS": 0,
        "variants-INITIAL_FORMS": 0,
        "attribute_values-TOTAL_FORMS": 0,
        "attribute_values-INITIAL_FORMS": 0,
        "images-TOTAL_FORMS": len(images),
        "images-INITIAL_FORMS": sum(1 for i in images if i.get("id")),
    }
    for n, image in enumerate(images):
        defaults = {"alt_text": "", "position": n, "variant": ""}
        data.update({f"images-{n}-{k}": v for k, v in {**defaults, **image}.items()})
    return data


def test_image_uploaded_in_the_admin_gets_thumbnails_and_an_event(
    admin_client, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, _product_form(product, [{"image": _png(), "alt_text": "Front"}])
        )

    assert response.status_code == 302
    image = ProductImage.objects.get()
    assert image.alt_text == "Front"
    assert len(image.thumbnails) == 2  # 160 and 320: the original is 500 wide
    assert all(default_storage.exists(n) for n in image.thumbnails.values())
    assert _payloads(PRODUCT_IMAGE_ADDED) == [
        {"product_id": product.pk, "image_id": image.pk}
    ]


def test_an_image_format_we_refuse_is_a_form_error_in_the_admin(admin_client):
    product = ProductFactory()
    buffer = BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, format="BMP")
    bmp = SimpleUploadedFile("x.bmp", buffer.getvalue(), "image/bmp")

    response = admin_client.post(
        reverse("admin:catalog_product_change", args=[product.pk]),
        _product_form(product, [{"image": bmp}]),
    )

    assert response.status_code == 200
    assert "BMP images are not accepted" in response.text
    assert not ProductImage.objects.exists()
    assert not _payloads(PRODUCT_IMAGE_ADDED)


def test_image_replaced_in_the_admin_gets_new_thumbnails(
    admin_client, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    image = add_product_image(product_id=product.pk, file=_png())
    old_name = image.image.name
    row = {"id": image.pk, "product": product.pk, "image": _png("back.png")}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:catalog_product_change", args=[product.pk]),
            _product_form(product, [row]),
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.image.name != old_name
    assert "back" in image.image.name
    assert len(image.thumbnails) == 2
    assert not default_storage.exists(old_name)
    assert "image" in _payloads(PRODUCT_IMAGE_UPDATED)[0]["fields"]


def test_image_removed_in_the_admin_publishes_and_its_files_go(
    admin_client, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    with django_capture_on_commit_callbacks(execute=True):
        image = add_product_image(product_id=product.pk, file=_png())
    image.refresh_from_db()
    files = [image.image.name, *image.thumbnails.values()]
    row = {"id": image.pk, "product": product.pk, "DELETE": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:catalog_product_change", args=[product.pk]),
            _product_form(product, [row]),
        )

    assert not ProductImage.objects.exists()
    assert not any(default_storage.exists(name) for name in files)
    assert _payloads(PRODUCT_IMAGE_REMOVED) == [
        {"product_id": product.pk, "image_id": image.pk}
    ]


# --- Products and offers -----------------------------------------------------


def test_product_edited_in_the_admin_publishes_what_changed(admin_client):
    product = ProductFactory(title="Kettle")
    data = {**_product_form(product, []), "title": "Steel Kettle"}

    response = admin_client.post(
        reverse("admin:catalog_product_change", args=[product.pk]), data
    )

    assert response.status_code == 302
    assert _payloads(PRODUCT_UPDATED) == [
        {"product_id": product.pk, "fields": ["title"]}
    ]


def test_product_saved_unchanged_in_the_admin_publishes_nothing(admin_client):
    product = ProductFactory()

    admin_client.post(
        reverse("admin:catalog_product_change", args=[product.pk]),
        _product_form(product, []),
    )

    assert _payloads(PRODUCT_UPDATED) == []


def test_offer_price_changed_in_the_admin_publishes_from_and_to(admin_client):
    offer = OfferFactory(price_amount=Decimal("10.00"), sku="SKU-1")
    data = {
        "shop": offer.shop_id,
        "variant": offer.variant_id,
        "sku": "SKU-1",
        "price_amount": "12.50",
        "currency": "EUR",
        "compare_at_amount": "",
        "is_active": "on",
    }

    response = admin_client.post(
        reverse("admin:catalog_offer_change", args=[offer.pk]), data
    )

    assert response.status_code == 302
    assert _payloads(OFFER_PRICE_CHANGED) == [
        {
            "offer_id": offer.pk,
            "variant_id": offer.variant_id,
            "from": "10.000",
            "to": "12.50",
            "currency": "EUR",
        }
    ]
    assert _payloads(OFFER_UPDATED) == []
