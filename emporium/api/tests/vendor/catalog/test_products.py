"""The vendor API of the shop's own products, variants, attributes and
images: /api/v1/vendor/products/, variants/, images/."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES
from emporium.catalog.constants import AttributeType, ProductStatus
from emporium.catalog.models import Attribute, Option, Product, ProductImage
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db

PRODUCTS = f"{API}/products/"


def png_upload(name: str = "front.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (320, 200), (30, 30, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


# --- The list -------------------------------------------------------------------


def test_the_list_has_the_shops_products_in_every_status(owner_client, shop):
    draft = ProductFactory(shop=shop, status=ProductStatus.DRAFT, title="Draft")
    archived = ProductFactory(shop=shop, status=ProductStatus.ARCHIVED)
    ProductFactory()  # another shop's

    response = owner_client.get(PRODUCTS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {draft.pk, archived.pk}
    row = next(r for r in body["results"] if r["id"] == draft.pk)
    assert (row["status"], row["variant_count"], row["offer_count"]) == ("draft", 0, 0)
    assert row["image"] is None


def test_the_list_searches_titles_and_skus_and_filters_status(owner_client, shop):
    jacket = ProductFactory(shop=shop, title="Rain jacket", status="draft")
    tee = OfferFactory(variant__product__shop=shop, sku="TEE-42").variant.product

    def ids(**params):
        return [r["id"] for r in owner_client.get(PRODUCTS, params).json()["results"]]

    assert ids(q="jacket") == [jacket.pk]
    assert ids(q="tee-4") == [tee.pk]
    assert ids(status="draft") == [jacket.pk]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_for_2_and_20_products(
    owner_client, shop, django_assert_num_queries, rows
):
    for _ in range(rows):
        OfferFactory(variant__product__shop=shop)

    # + count, page (with counts), images
    with django_assert_num_queries(VENDOR_QUERIES + 3):
        response = owner_client.get(PRODUCTS, {"q": "Product"})

    assert len(response.json()["results"]) == rows


# --- Create, change, archive ----------------------------------------------------


def test_create_makes_a_closed_draft_of_the_shop(owner_client, shop, other_shop):
    category = CategoryFactory()

    response = owner_client.post(
        PRODUCTS,
        {
            "title": "Rain jacket",
            "category": category.pk,
            "description": "<p>Dry</p><script>alert(1)</script>",
            "shop": other_shop.pk,  # not the vendor's to choose
            "is_open_to_other_sellers": True,  # staff's
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    product = Product.objects.get(pk=body["id"])
    assert product.shop == shop
    assert product.status == ProductStatus.DRAFT
    assert product.is_open_to_other_sellers is False
    assert body["description"] == "<p>Dry</p>"
    assert body["slug"] == "rain-jacket"
    assert [v["is_default"] for v in body["variants"]] == [True]


def test_create_refuses_an_inactive_category(owner_client):
    category = CategoryFactory(is_active=False)

    response = owner_client.post(PRODUCTS, {"title": "X", "category": category.pk})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "category" in response.json()["fields"]


def test_a_staff_member_of_the_shop_manages_the_catalogue(member_client, shop):
    response = member_client.post(
        PRODUCTS, {"title": "Cap", "category": CategoryFactory().pk}
    )

    assert response.status_code == 201
    assert Product.objects.get().shop == shop


def test_patch_changes_the_fields_sent_but_never_staff_fields(owner_client, shop):
    product = ProductFactory(shop=shop, title="Old", status=ProductStatus.DRAFT)

    response = owner_client.patch(
        f"{PRODUCTS}{product.pk}/",
        {"title": "New", "status": "active", "is_open_to_other_sellers": True},
    )

    assert response.status_code == 200
    product.refresh_from_db()
    assert (product.title, product.status) == ("New", "active")
    assert product.is_open_to_other_sellers is False


def test_delete_archives_the_product(owner_client, shop):
    product = ProductFactory(shop=shop)

    response = owner_client.delete(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "archived"
    assert Product.objects.filter(pk=product.pk).exists()


def test_detail_shows_only_the_shops_own_offers(owner_client, shop, other_shop):
    variant = VariantFactory(product__shop=shop, product__is_open_to_other_sellers=True)
    mine = OfferFactory(variant=variant, shop=shop)
    OfferFactory(variant=variant, shop=other_shop)

    response = owner_client.get(f"{PRODUCTS}{variant.product_id}/")

    (listed,) = response.json()["variants"]
    assert [offer["id"] for offer in listed["offers"]] == [mine.pk]


# --- Attributes -----------------------------------------------------------------


def test_put_attributes_replaces_the_values(owner_client, shop):
    Attribute.objects.create(code="care", name="Care", type=AttributeType.TEXT)
    Attribute.objects.create(code="waterproof", name="Wp", type=AttributeType.BOOL)
    product = ProductFactory(shop=shop)

    response = owner_client.put(
        f"{PRODUCTS}{product.pk}/attributes/",
        {
            "attributes": [
                {"code": "care", "value": "Hand wash"},
                {"code": "waterproof", "value": True},
            ]
        },
    )

    assert response.status_code == 200
    assert {a["code"]: a["value"] for a in response.json()["attributes"]} == {
        "care": "Hand wash",
        "waterproof": True,
    }


def test_put_attributes_refuses_a_value_of_the_wrong_type(owner_client, shop):
    Attribute.objects.create(code="weight", name="Weight", type=AttributeType.NUMBER)
    product = ProductFactory(shop=shop)

    response = owner_client.put(
        f"{PRODUCTS}{product.pk}/attributes/",
        {"attributes": [{"code": "weight", "value": "heavy"}]},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_attribute_value"
    assert response.json()["fields"] == {"weight": ["Enter a number."]}


# --- Variants -------------------------------------------------------------------


@pytest.fixture
def sizes(db):
    return Option.objects.create(code="size", name="Size")


def test_add_a_variant_with_options_weight_and_barcode(owner_client, shop, sizes):
    product = ProductFactory(shop=shop)

    response = owner_client.post(
        f"{PRODUCTS}{product.pk}/variants/",
        {"options": {"size": "M"}, "weight_grams": 180, "barcode": "4006381333931"},
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["weight_grams"], body["barcode"]) == (
        "M",
        180,
        "4006381333931",
    )
    assert body["options"] == [{"option": "size", "value": "M"}]


def test_a_second_variant_with_the_same_options_is_refused(owner_client, shop, sizes):
    product = ProductFactory(shop=shop)
    url = f"{PRODUCTS}{product.pk}/variants/"
    owner_client.post(url, {"options": {"size": "M"}})

    response = owner_client.post(url, {"options": {"size": "M"}})

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_variant"


def test_patch_a_variant_changes_options_and_refuses_a_bad_barcode(
    owner_client, shop, sizes
):
    variant = VariantFactory(product__shop=shop, name="")
    url = f"{API}/variants/{variant.pk}/"

    changed = owner_client.patch(url, {"options": {"size": "L"}, "weight_grams": 90})
    refused = owner_client.patch(url, {"barcode": "4006381333932"})

    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["weight_grams"]) == ("L", 90)
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_variant"
    assert "barcode" in refused.json()["fields"]


def test_delete_a_variant_archives_it_but_never_the_last_one(owner_client, shop):
    product = ProductFactory(shop=shop)
    first, second = VariantFactory(product=product), VariantFactory(product=product)

    archived = owner_client.delete(f"{API}/variants/{second.pk}/")
    refused = owner_client.delete(f"{API}/variants/{first.pk}/")

    assert (archived.status_code, archived.json()["is_active"]) == (200, False)
    assert refused.status_code == 409
    assert refused.json()["code"] == "last_active_variant"


# --- Images ---------------------------------------------------------------------


def test_upload_an_image_and_its_thumbnails_follow(
    owner_client, shop, django_capture_on_commit_callbacks
):
    product = ProductFactory(shop=shop)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            f"{PRODUCTS}{product.pk}/images/",
            {"file": png_upload(), "alt_text": "Front"},
            format="multipart",
        )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["alt_text"], body["position"], body["width"]) == ("Front", 0, 320)
    detail = owner_client.get(f"{API}/images/{body['id']}/").json()
    assert set(detail["thumbnails"]) == {"160", "320"}


def test_upload_refuses_a_file_that_is_not_an_image(owner_client, shop):
    product = ProductFactory(shop=shop)
    text = SimpleUploadedFile("notes.png", b"just text", "image/png")

    response = owner_client.post(
        f"{PRODUCTS}{product.pk}/images/", {"file": text}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_image"
    assert not ProductImage.objects.exists()


def test_change_the_order_and_alt_text_then_delete_an_image(owner_client, shop):
    product = ProductFactory(shop=shop)
    url = f"{PRODUCTS}{product.pk}/images/"
    first = owner_client.post(url, {"file": png_upload()}, format="multipart").json()
    second = owner_client.post(url, {"file": png_upload()}, format="multipart").json()

    owner_client.patch(f"{API}/images/{second['id']}/", {"position": 0})
    changed = owner_client.patch(
        f"{API}/images/{first['id']}/", {"position": 2, "alt_text": "Back"}
    )
    deleted = owner_client.delete(f"{API}/images/{second['id']}/")

    assert (changed.json()["position"], changed.json()["alt_text"]) == (2, "Back")
    assert deleted.status_code == 204
    images = owner_client.get(f"{PRODUCTS}{product.pk}/").json()["images"]
    assert [image["id"] for image in images] == [first["id"]]
