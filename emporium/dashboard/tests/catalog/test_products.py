"""Dashboard pages of the shop's products: the list, create, the product
page (details, attributes, variants, images), archive."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from emporium.catalog.constants import AttributeType, ProductStatus
from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    Option,
    Product,
    ProductImage,
)
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.dashboard.tests.catalog.support import texts, url

pytestmark = pytest.mark.django_db


def png(name: str = "front.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (200, 200), (10, 120, 10)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def product_data(category, **changes) -> dict:
    return {
        "title": "Rain jacket",
        "description": "<p>Dry</p>",
        "category": category.pk,
        "brand": "",
        "tax_class": "standard",
        "status": "draft",
        **changes,
    }


# --- The list -------------------------------------------------------------------


def test_the_list_shows_the_shops_products_in_every_status(owner, shop):
    ProductFactory(shop=shop, title="Draft jacket", status=ProductStatus.DRAFT)
    ProductFactory(shop=shop, title="Old cap", status=ProductStatus.ARCHIVED)
    ProductFactory(title="Their scarf")

    page = texts(owner.get(url("products")))

    assert "Draft jacket" in page
    assert "Old cap" in page
    assert "Their scarf" not in page


def test_the_list_searches_and_filters(owner, shop):
    ProductFactory(shop=shop, title="Rain jacket", status=ProductStatus.DRAFT)
    OfferFactory(variant__product__shop=shop, variant__product__title="Tee", sku="T-42")

    by_sku = texts(owner.get(url("products"), {"q": "t-42"}))
    by_status = texts(owner.get(url("products"), {"status": "draft"}))

    assert "Tee" in by_sku
    assert "Rain jacket" not in by_sku
    assert "Rain jacket" in by_status
    assert "Tee" not in by_status


def test_an_htmx_search_gets_the_page_with_the_list(owner, shop):
    ProductFactory(shop=shop, title="Rain jacket")

    response = owner.get(url("products"), {"q": "rain"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="product-list"' in texts(response)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_for_2_and_20_products(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    for _ in range(rows):
        OfferFactory(variant__product__shop=shop)

    # + count, page (with counts), images
    with django_assert_num_queries(frame_queries + 3):
        response = owner.get(url("products"))

    assert texts(response).count('href="/vendor/products/') >= rows


# --- Create and edit ------------------------------------------------------------


def test_create_a_product_then_land_on_its_page(owner, shop):
    category = CategoryFactory()

    response = owner.post(url("product-create"), product_data(category))

    product = Product.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("product-detail", product.pk)
    assert (product.shop, product.status, product.is_open_to_other_sellers) == (
        shop,
        "draft",
        False,
    )


def test_the_create_form_shows_errors_and_creates_nothing(owner):
    response = owner.post(url("product-create"), {"title": "", "category": ""})

    assert response.status_code == 200
    assert "This field is required." in texts(response)
    assert not Product.objects.exists()


def test_save_details_sanitises_the_description(owner, shop):
    product = ProductFactory(shop=shop)
    data = product_data(
        product.category,
        title="New title",
        status="active",
        description='<p onclick="x()">Hi</p><script>bad()</script>',
    )

    owner.post(url("product-detail", product.pk), data)

    product.refresh_from_db()
    assert (product.title, product.status) == ("New title", "active")
    assert product.description == "<p>Hi</p>"


def test_archive_takes_the_product_off_sale(owner, shop):
    product = ProductFactory(shop=shop)

    response = owner.post(url("product-archive", product.pk), follow=True)

    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED
    assert "is archived" in texts(response)


def test_a_staff_member_of_the_shop_edits_products(client, shop, staff_member):
    product = ProductFactory(shop=shop, title="Old")
    client.force_login(staff_member)

    client.post(url("product-detail", product.pk), product_data(product.category))

    product.refresh_from_db()
    assert product.title == "Rain jacket"


# --- Attributes -----------------------------------------------------------------


def test_save_attributes_of_every_type(owner, shop):
    material = Attribute.objects.create(
        code="material", name="Material", type=AttributeType.CHOICE
    )
    AttributeChoice.objects.create(attribute=material, value="Cotton", slug="cotton")
    AttributeChoice.objects.create(attribute=material, value="Wool", slug="wool")
    Attribute.objects.create(code="waterproof", name="Wp", type=AttributeType.BOOL)
    Attribute.objects.create(code="weight", name="Weight", type=AttributeType.NUMBER)
    Attribute.objects.create(code="care", name="Care", type=AttributeType.TEXT)
    product = ProductFactory(shop=shop)

    owner.post(
        url("product-attributes", product.pk),
        {
            "attr_material": ["cotton", "wool"],
            "attr_waterproof": "yes",
            "attr_weight": "0.45",
            "attr_care": "",
        },
    )

    values = {(v.attribute.code, str(v.value)) for v in product.attribute_values.all()}
    assert values == {
        ("material", "Cotton"),
        ("material", "Wool"),
        ("waterproof", "True"),
        ("weight", "0.4500"),
    }
    page = texts(owner.get(url("product-detail", product.pk)))
    assert 'value="wool"' in page
    assert "checked" in page


# --- Variants -------------------------------------------------------------------


def test_add_and_edit_a_variant(owner, shop):
    Option.objects.create(code="size", name="Size")
    product = ProductFactory(shop=shop)

    owner.post(
        url("variant-create", product.pk),
        {"option_size": "M", "weight_grams": "200", "barcode": "", "position": "1"},
    )
    variant = product.variants.get(name="M")
    owner.post(
        url("variant-edit", variant.pk),
        {
            "option_size": "L",
            "name": "",
            "weight_grams": "210",
            "barcode": "4006381333931",
            "position": "1",
        },
    )

    variant.refresh_from_db()
    assert (variant.name, variant.weight_grams, variant.barcode) == (
        "L",
        210,
        "4006381333931",
    )


def test_a_duplicate_variant_or_bad_barcode_is_shown_on_the_form(owner, shop):
    Option.objects.create(code="size", name="Size")
    product = ProductFactory(shop=shop)
    owner.post(url("variant-create", product.pk), {"option_size": "M", "position": 0})

    duplicate = owner.post(
        url("variant-create", product.pk), {"option_size": "M", "position": 0}
    )
    bad_barcode = owner.post(
        url("variant-create", product.pk),
        {"option_size": "S", "barcode": "4006381333932", "position": 0},
    )

    assert "already has a variant with these options" in texts(duplicate)
    assert "check digit" in texts(bad_barcode).lower()
    assert product.variants.count() == 1


def test_archive_a_variant_but_not_the_last_one(owner, shop):
    product = ProductFactory(shop=shop)
    first, second = VariantFactory(product=product), VariantFactory(product=product)

    owner.post(url("variant-activity", second.pk), {"active": "0"})
    refused = owner.post(
        url("variant-activity", first.pk), {"active": "0"}, follow=True
    )

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.is_active, first.is_active) == (False, True)
    assert "last active variant" in texts(refused)


# --- Images ---------------------------------------------------------------------


def test_upload_edit_and_delete_an_image(
    owner, shop, django_capture_on_commit_callbacks
):
    product = ProductFactory(shop=shop)

    with django_capture_on_commit_callbacks(execute=True):
        owner.post(
            url("image-upload", product.pk), {"file": png(), "alt_text": "Front"}
        )
    image = ProductImage.objects.get()
    assert image.thumbnails
    owner.post(
        url("image-edit", image.pk),
        {
            f"image-{image.pk}-alt_text": "Back",
            f"image-{image.pk}-position": "3",
            f"image-{image.pk}-variant": "",
        },
    )
    image.refresh_from_db()
    assert (image.alt_text, image.position) == ("Back", 3)

    response = owner.post(
        url("image-delete", image.pk),
        HTTP_HX_REQUEST="true",
        follow=True,
    )

    assert not ProductImage.objects.exists()
    assert 'id="product-images"' in texts(response)


def test_an_upload_that_is_no_image_is_refused_on_the_page(owner, shop):
    product = ProductFactory(shop=shop)
    text = SimpleUploadedFile("notes.png", b"hello", "image/png")

    response = owner.post(url("image-upload", product.pk), {"file": text})

    assert response.status_code == 200
    assert "not an image we can read" in texts(response)
    assert not ProductImage.objects.exists()
