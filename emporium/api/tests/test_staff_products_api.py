"""The staff catalog API: products, their attributes and variants."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import AttributeType, ProductStatus
from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    Option,
    Product,
    ProductVariant,
)
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.inventory.tests.factories import StockFactory
from emporium.search.tests.factories import make_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/staff/products/"
# The signed-in user (JWT), the count, the page with shop, category, brand.
LIST_QUERIES = 3
# The user, the product with shop, category and brand, its attributes,
# variants, their option values, their offers (with available quantities).
DETAIL_QUERIES = 6
VALID_GTIN = "4006381333931"


@pytest.fixture
def staff_client() -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(UserFactory(is_staff=True)).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def events(name: str) -> list[dict]:
    return [e.payload for e in OutboxEvent.objects.filter(name=name)]


# --- List -----------------------------------------------------------------------


def test_list_shows_every_product_whatever_its_status(staff_client):
    draft = ProductFactory(status=ProductStatus.DRAFT)
    archived = ProductFactory(status=ProductStatus.ARCHIVED)
    active = ProductFactory(status=ProductStatus.ACTIVE)

    response = staff_client.get(PRODUCTS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [p["id"] for p in body["results"]] == [active.pk, archived.pk, draft.pk]
    assert body["results"][2]["status"] == "draft"
    assert body["results"][0]["shop"] == {
        "id": active.shop.pk,
        "name": active.shop.name,
        "slug": active.shop.slug,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "draft"}, ["wool-hat"]),
        ({"q": "SOCK"}, ["cotton-socks", "wool-socks"]),
        ({"q": "wool", "status": "active"}, ["wool-socks"]),
    ],
)
def test_list_filters_by_status_and_title(staff_client, params, expected):
    ProductFactory(title="Wool socks", slug="wool-socks")
    ProductFactory(title="Cotton socks", slug="cotton-socks")
    ProductFactory(title="Wool hat", slug="wool-hat", status=ProductStatus.DRAFT)

    response = staff_client.get(PRODUCTS, params)

    assert sorted(p["slug"] for p in response.json()["results"]) == expected


def test_list_filters_by_shop_and_by_category_with_its_subcategories(staff_client):
    clothing = CategoryFactory()
    shirts = CategoryFactory(parent=clothing)
    north = ShopFactory()
    in_sub = ProductFactory(category=shirts, shop=north)
    in_root = ProductFactory(category=clothing)
    ProductFactory()  # elsewhere

    by_category = staff_client.get(PRODUCTS, {"category": clothing.pk}).json()
    by_shop = staff_client.get(PRODUCTS, {"shop": north.pk}).json()

    assert {p["id"] for p in by_category["results"]} == {in_sub.pk, in_root.pk}
    assert [p["id"] for p in by_shop["results"]] == [in_sub.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "sold"}, "status"),
        ({"category": 999_999}, "category"),
        ({"shop": "north"}, "shop"),
    ],
)
def test_list_refuses_bad_filters_with_400_naming_the_field(
    staff_client, params, field
):
    response = staff_client.get(PRODUCTS, params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"]


def test_list_pages_with_the_project_pagination(staff_client):
    ProductFactory.create_batch(5)

    first = staff_client.get(PRODUCTS, {"page_size": 2}).json()
    last = staff_client.get(PRODUCTS, {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["next"].endswith("page=2&page_size=2")
    assert len(last["results"]) == 1
    assert last["next"] is None


@pytest.mark.parametrize("count", [3, 25])
def test_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, count
):
    for _ in range(count):
        ProductFactory(brand=BrandFactory())

    with django_assert_num_queries(LIST_QUERIES):
        response = staff_client.get(PRODUCTS)

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(count, 20)


# --- Create ---------------------------------------------------------------------


def test_create_makes_a_draft_with_its_default_variant_and_an_event(staff_client):
    shop, category, brand = ShopFactory(), CategoryFactory(), BrandFactory()

    response = staff_client.post(
        PRODUCTS,
        {
            "shop": shop.pk,
            "title": "  Wool socks ",
            "category": category.pk,
            "brand": brand.pk,
            "description": "<p onclick='x()'>Warm</p><script>alert(1)</script>",
            "tax_class": "reduced",
        },
    )

    assert response.status_code == 201
    body = response.json()
    product = Product.objects.get(pk=body["id"])
    assert (product.title, product.slug, product.status) == (
        "Wool socks",
        "wool-socks",
        "draft",
    )
    assert product.description == "<p>Warm</p>"
    assert body["brand"]["id"] == brand.pk
    assert body["tax_class"] == "reduced"
    assert [v["is_default"] for v in body["variants"]] == [True]
    assert events("product.created") == [{"product_id": product.pk}]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": 999_999}, "category"),
        ({"shop": 999_999}, "shop"),
        ({"brand": 999_999}, "brand"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"status": "sold"}, "status"),
        ({"slug": "not a slug"}, "slug"),
    ],
)
def test_create_refuses_bad_fields_with_400_and_creates_nothing(
    staff_client, change, field
):
    payload = {
        "shop": ShopFactory().pk,
        "title": "Wool socks",
        "category": CategoryFactory().pk,
        **change,
    }

    response = staff_client.post(PRODUCTS, payload)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert not Product.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_create_with_a_taken_slug_answers_409_slug_taken(staff_client):
    ProductFactory(slug="wool-socks")
    payload = {
        "shop": ShopFactory().pk,
        "title": "Socks",
        "category": CategoryFactory().pk,
        "slug": "wool-socks",
    }

    response = staff_client.post(PRODUCTS, payload)

    assert response.status_code == 409
    assert response.json()["code"] == "slug_taken"
    assert Product.objects.count() == 1


# --- Detail, change, archive ----------------------------------------------------


def test_detail_shows_a_draft_with_attributes_variants_and_offers(staff_client):
    product = ProductFactory(status=ProductStatus.DRAFT)
    size = Option.objects.create(code="size", name="Size")
    variant = VariantFactory(product=product, barcode=VALID_GTIN)
    variant.option_values.create(option=size, value="M")
    offer = OfferFactory(variant=variant)
    StockFactory(offer=offer, quantity_on_hand=4)

    response = staff_client.get(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft"
    [shown] = body["variants"]
    assert shown["options"] == [{"option": "size", "value": "M"}]
    assert shown["barcode"] == VALID_GTIN
    assert shown["offers"][0]["sku"] == offer.sku
    assert shown["offers"][0]["price"] == "19.99"
    assert shown["offers"][0]["available_quantity"] == 4


@pytest.mark.parametrize("variants", [1, 5])
def test_detail_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, variants
):
    product = ProductFactory()
    size = Option.objects.create(code="size", name="Size")
    for n in range(variants):
        variant = VariantFactory(product=product)
        variant.option_values.create(option=size, value=f"S{n}")
        OfferFactory(variant=variant)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = staff_client.get(f"{PRODUCTS}{product.pk}/")

    assert len(response.json()["variants"]) == variants


def test_detail_of_an_unknown_id_answers_404_product_not_found(staff_client):
    response = staff_client.get(f"{PRODUCTS}999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


def test_patch_changes_only_the_fields_sent_and_publishes_them(staff_client):
    brand = BrandFactory()
    product = ProductFactory(title="Socks", brand=brand)
    category = CategoryFactory()

    response = staff_client.patch(
        f"{PRODUCTS}{product.pk}/",
        {"title": "Wool socks", "category": category.pk, "brand": None},
    )

    assert response.status_code == 200
    product.refresh_from_db()
    assert (product.title, product.category, product.brand) == (
        "Wool socks",
        category,
        None,
    )
    assert product.status == ProductStatus.ACTIVE
    [event] = events("product.updated")
    assert set(event["fields"]) == {"title", "category", "brand", "updated_at"}


def test_patch_ignores_the_shop_and_the_slug(staff_client):
    product = ProductFactory(slug="socks")

    staff_client.patch(
        f"{PRODUCTS}{product.pk}/", {"slug": "other", "shop": ShopFactory().pk}
    )

    product.refresh_from_db()
    assert product.slug == "socks"


def test_patch_with_an_unknown_category_answers_400_and_changes_nothing(
    staff_client,
):
    product = ProductFactory()

    response = staff_client.patch(f"{PRODUCTS}{product.pk}/", {"category": 999_999})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["category"]
    assert Product.objects.get(pk=product.pk).category_id == product.category_id
    assert not OutboxEvent.objects.exists()


def test_publishing_a_draft_shows_it_on_the_public_api(staff_client, api_client):
    product = make_product(slug="wool-socks")
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.DRAFT)
    assert api_client.get("/api/v1/products/wool-socks/").status_code == 404

    staff_client.patch(f"{PRODUCTS}{product.pk}/", {"status": "active"})

    assert api_client.get("/api/v1/products/wool-socks/").status_code == 200


def test_delete_archives_hides_from_the_public_api_and_keeps_the_row(
    staff_client, api_client
):
    product = make_product(slug="wool-socks")
    assert api_client.get("/api/v1/products/wool-socks/").status_code == 200

    response = staff_client.delete(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "archived"
    assert Product.objects.get(pk=product.pk).status == ProductStatus.ARCHIVED
    assert ProductVariant.objects.filter(product=product).exists()
    assert events("product.updated")[0]["product_id"] == product.pk
    public = api_client.get("/api/v1/products/wool-socks/")
    assert public.status_code == 404
    assert public.json()["code"] == "product_not_found"


def test_delete_of_an_unknown_id_answers_404(staff_client):
    response = staff_client.delete(f"{PRODUCTS}999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


# --- Attributes -----------------------------------------------------------------


@pytest.fixture
def colour() -> Attribute:
    colour = Attribute.objects.create(
        code="colour", name="Colour", type=AttributeType.CHOICE
    )
    AttributeChoice.objects.create(attribute=colour, value="Red", slug="red")
    AttributeChoice.objects.create(attribute=colour, value="Blue", slug="blue")
    return colour


def test_put_attributes_replaces_the_values(staff_client, colour):
    Attribute.objects.create(code="weight", name="Weight", type=AttributeType.NUMBER)
    Attribute.objects.create(code="organic", name="Organic", type=AttributeType.BOOL)
    product = ProductFactory()
    url = f"{PRODUCTS}{product.pk}/attributes/"
    staff_client.put(url, {"attributes": [{"code": "organic", "value": True}]})

    response = staff_client.put(
        url,
        {
            "attributes": [
                {"code": "colour", "value": ["red", "Blue"]},
                {"code": "weight", "value": "1.50"},
            ]
        },
    )

    assert response.status_code == 200
    shown = [(a["code"], a["value"]) for a in response.json()["attributes"]]
    assert sorted(shown) == [("colour", "Blue"), ("colour", "Red"), ("weight", "1.5")]
    assert len(events("product.updated")) == 2


@pytest.mark.parametrize(
    ("attributes", "field"),
    [
        ([{"code": "colour", "value": "green"}], "colour"),
        ([{"code": "flavour", "value": "salty"}], "flavour"),
        (
            [{"code": "colour", "value": "red"}, {"code": "colour", "value": "blue"}],
            "colour",
        ),
    ],
)
def test_put_attributes_refuses_bad_values_naming_them(
    staff_client, colour, attributes, field
):
    product = ProductFactory()

    response = staff_client.put(
        f"{PRODUCTS}{product.pk}/attributes/", {"attributes": attributes}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_attribute_value"
    assert field in response.json()["fields"]
    assert not product.attribute_values.exists()


def test_put_attributes_refuses_nested_values_with_400_invalid(staff_client, colour):
    product = ProductFactory()

    response = staff_client.put(
        f"{PRODUCTS}{product.pk}/attributes/",
        {"attributes": [{"code": "colour", "value": {"a": 1}}]},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "attributes.0.value" in response.json()["fields"]


def test_put_attributes_of_an_unknown_product_answers_404(staff_client, colour):
    response = staff_client.put(
        f"{PRODUCTS}999999/attributes/",
        {"attributes": [{"code": "colour", "value": "red"}]},
    )

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


# --- Variants -------------------------------------------------------------------


@pytest.fixture
def product() -> Product:
    product = ProductFactory()
    VariantFactory(product=product, is_default=True)
    Option.objects.create(code="size", name="Size")
    return product


def test_create_variant_with_options_names_it_and_publishes(staff_client, product):
    response = staff_client.post(
        f"{PRODUCTS}{product.pk}/variants/",
        {"options": {"size": "M"}, "barcode": VALID_GTIN, "weight_grams": 250},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "M"
    assert body["options"] == [{"option": "size", "value": "M"}]
    assert (body["barcode"], body["weight_grams"]) == (VALID_GTIN, 250)
    assert events("variant.created") == [
        {"variant_id": body["id"], "product_id": product.pk}
    ]


def test_create_variant_with_the_same_options_twice_answers_409(staff_client, product):
    url = f"{PRODUCTS}{product.pk}/variants/"
    staff_client.post(url, {"options": {"size": "M"}})

    response = staff_client.post(url, {"options": {"size": "M"}})

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_variant"
    assert product.variants.count() == 2


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({"barcode": "4006381333932"}, "invalid_variant", "barcode"),
        ({"barcode": "12345"}, "invalid_variant", "barcode"),
        ({"options": {"colour": "Red"}}, "invalid_variant", "colour"),
        ({"options": {"size": ""}}, "invalid", "options.size"),
        ({"weight_grams": -1}, "invalid", "weight_grams"),
        ({"weight_grams": 2**31}, "invalid", "weight_grams"),
        ({"position": "first"}, "invalid", "position"),
    ],
)
def test_create_variant_refuses_bad_input_with_400(
    staff_client, product, payload, code, field
):
    response = staff_client.post(
        f"{PRODUCTS}{product.pk}/variants/", {"options": {"size": "L"}, **payload}
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert field in response.json()["fields"]
    assert product.variants.count() == 1


def test_create_variant_of_an_unknown_product_answers_404(staff_client, product):
    response = staff_client.post(
        f"{PRODUCTS}999999/variants/", {"options": {"size": "M"}}
    )

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


def test_patch_variant_changes_the_fields_sent(staff_client, product):
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/staff/variants/{variant.pk}/",
        {"barcode": VALID_GTIN, "position": 3},
    )

    assert response.status_code == 200
    variant.refresh_from_db()
    assert (variant.barcode, variant.position) == (VALID_GTIN, 3)
    assert events("variant.updated")[0]["fields"] == ["barcode", "position"]


def test_patch_variant_refuses_a_bad_gtin(staff_client, product):
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/staff/variants/{variant.pk}/", {"barcode": "4006381333932"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_variant"
    assert ProductVariant.objects.get(pk=variant.pk).barcode == ""


def test_variant_of_an_unknown_id_answers_404(staff_client):
    response = staff_client.get("/api/v1/staff/variants/999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "variant_not_found"


def test_delete_variant_archives_it_and_patch_restores_it(staff_client, product):
    extra = VariantFactory(product=product, position=1)
    url = f"/api/v1/staff/variants/{extra.pk}/"

    archived = staff_client.delete(url)
    restored = staff_client.patch(url, {"is_active": True})

    assert archived.status_code == 200
    assert archived.json()["is_active"] is False
    assert restored.json()["is_active"] is True
    assert ProductVariant.objects.filter(pk=extra.pk).exists()


def test_delete_the_last_active_variant_answers_409(staff_client, product):
    variant = product.variants.get()

    response = staff_client.delete(f"/api/v1/staff/variants/{variant.pk}/")

    assert response.status_code == 409
    assert response.json()["code"] == "last_active_variant"
    assert ProductVariant.objects.get(pk=variant.pk).is_active is True


@pytest.mark.parametrize("as_staff", [False, None])
def test_only_staff_archive_a_variant(product, as_staff):
    extra = VariantFactory(product=product, position=1)
    client = APIClient()
    if as_staff is False:
        client.force_authenticate(UserFactory())

    response = client.delete(f"/api/v1/staff/variants/{extra.pk}/")

    assert response.status_code == (403 if as_staff is False else 401)
    assert ProductVariant.objects.get(pk=extra.pk).is_active is True
