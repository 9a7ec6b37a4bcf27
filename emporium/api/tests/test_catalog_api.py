"""The catalog read API: categories, products, suggestions and shops."""

from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import AttributeType, ProductStatus
from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    AttributeValue,
    Option,
    OptionValue,
    ProductImage,
)
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    OfferFactory,
    VariantFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.search.backends.base import MAX_QUERIES as MAX_SEARCH_QUERIES
from emporium.search.models import SearchQueryLog
from emporium.search.services import reindex_all
from emporium.search.tests.factories import index, make_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"
ROUTES = {
    "/api/v1/categories/": {"get"},
    "/api/v1/categories/{slug}/": {"get"},
    "/api/v1/products/": {"get"},
    "/api/v1/products/{slug}/": {"get"},
    "/api/v1/search/suggest/": {"get"},
    "/api/v1/shops/": {"get"},
    "/api/v1/shops/{slug}/": {"get"},
}
# Product list: the search backend's own bound, then the page's cards and
# their images. Detail: product, variants, option values, options, offers,
# images, attributes, breadcrumbs.
LIST_QUERIES = MAX_SEARCH_QUERIES + 2
DETAIL_QUERIES = 8


@pytest.fixture
def catalog():
    """Four indexed products over two shops, two categories and a colour."""
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    acme = BrandFactory(name="Acme", slug="acme")
    north, south = ShopFactory(slug="north"), ShopFactory(slug="south")
    colour = Attribute.objects.create(
        code="colour", name="Colour", type=AttributeType.CHOICE, is_filterable=True
    )
    red = AttributeChoice.objects.create(attribute=colour, value="Red", slug="red")
    rows = [
        ("Classic T-Shirt", "classic-t-shirt", shirts, acme, north, "19.00", 5, red),
        ("Black Jacket", "black-jacket", clothing, None, north, "120.00", 0, None),
        ("Blue Shirt", "blue-shirt", shirts, acme, south, "35.00", 3, red),
        ("Wool Socks", "wool-socks", clothing, None, south, "8.00", 2, None),
    ]
    products = {}
    for title, slug, category, brand, shop, price, quantity, choice in rows:
        product = make_product(
            title=title,
            slug=slug,
            category=category,
            brand=brand,
            shop=shop,
            price=price,
            quantity=quantity,
        )
        if choice:
            AttributeValue.objects.create(
                product=product, attribute=colour, choice=choice
            )
        products[slug] = product
    index(*products.values())
    return products


def slugs(response) -> list[str]:
    return [card["slug"] for card in response.json()["results"]]


# --- Products list --------------------------------------------------------------


def test_product_list_shows_cards_with_best_price_and_facets(api_client, catalog):
    response = api_client.get(PRODUCTS, {"sort": "price_asc"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert slugs(response) == [
        "wool-socks",
        "classic-t-shirt",
        "blue-shirt",
        "black-jacket",
    ]
    card = body["results"][1]
    assert card["price"] == "19.00"
    assert card["currency"] == "EUR"
    assert card["in_stock"] is True
    assert card["shop"]["slug"] == "north"
    assert card["category"]["slug"] == "shirts"
    assert card["brand"]["slug"] == "acme"
    assert body["results"][3]["in_stock"] is False
    assert {"categories", "shops", "brands", "price_ranges", "in_stock"} <= set(
        body["facets"]
    )


def test_product_list_sorts_by_price_descending(api_client, catalog):
    response = api_client.get(PRODUCTS, {"sort": "price_desc"})

    assert slugs(response)[0] == "black-jacket"
    assert slugs(response)[-1] == "wool-socks"


def test_filters_narrow_results_and_facets_count_them(api_client, catalog):
    response = api_client.get(
        PRODUCTS, {"category": "clothing", "shop": "south", "attr_colour": "red"}
    )

    body = response.json()
    assert slugs(response) == ["blue-shirt"]
    assert body["count"] == 1
    shops = {f["value"]: f["count"] for f in body["facets"]["shops"]}
    assert shops == {"south": 1}


def test_brand_filter_narrows_results_and_counts_the_brand_facet(api_client, catalog):
    response = api_client.get(PRODUCTS, {"brand": "acme"})

    body = response.json()
    assert sorted(slugs(response)) == ["blue-shirt", "classic-t-shirt"]
    brands = {f["value"]: f["count"] for f in body["facets"]["brands"]}
    assert brands["acme"] == body["count"] == 2


def test_in_stock_and_price_filters(api_client, catalog):
    response = api_client.get(
        PRODUCTS, {"in_stock": "true", "min_price": "10", "max_price": "50"}
    )

    assert sorted(slugs(response)) == ["blue-shirt", "classic-t-shirt"]
    assert response.json()["facets"]["in_stock"] == response.json()["count"]


def test_pagination_links_walk_the_results(api_client, catalog):
    first = api_client.get(PRODUCTS, {"page_size": 3, "sort": "price_asc"}).json()
    second = api_client.get(first["next"]).json()

    assert first["previous"] is None
    assert len(first["results"]) == 3
    assert [c["slug"] for c in second["results"]] == ["black-jacket"]
    assert second["next"] is None
    assert second["previous"] is not None


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "cheapest"},
        {"min_price": "-1"},
        {"max_price": "abc"},
        {"page": "x"},
        {"page": "0"},
        {"page_size": "1000"},
        {"in_stock": "maybe"},
        {"min_price": "50", "max_price": "10"},
    ],
)
def test_bad_list_parameters_answer_400_invalid(api_client, catalog, params):
    response = api_client.get(PRODUCTS, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) & {*params, "max_price"}


def test_a_text_search_is_logged_with_its_count(api_client, catalog):
    response = api_client.get(PRODUCTS, {"q": "shirt"})

    log = SearchQueryLog.objects.get()
    assert log.query == "shirt"
    assert log.result_count == response.json()["count"] >= 1


def test_browsing_without_text_is_not_logged(api_client, catalog):
    api_client.get(PRODUCTS)

    assert not SearchQueryLog.objects.exists()


def test_draft_products_and_suspended_shops_are_not_listed(api_client, catalog):
    draft = make_product(title="Draft Hat", status=ProductStatus.DRAFT)
    hidden_shop = ShopFactory(status=ShopStatus.SUSPENDED)
    hidden = make_product(title="Hidden Hat", shop=hidden_shop)
    index(draft, hidden)

    response = api_client.get(PRODUCTS)

    assert response.json()["count"] == 4
    assert {"draft-hat", draft.slug, hidden.slug}.isdisjoint(slugs(response))


def add_image(product) -> None:
    # Known dimensions and bulk_create: no file is read or written, and a URL
    # needs none.
    ProductImage.objects.bulk_create(
        [
            ProductImage(
                product=product,
                image="products/x.png",
                width=640,
                height=480,
                thumbnails={"320": "products/x_320.webp"},
            )
        ]
    )


def _make_products(count: int) -> None:
    category = CategoryFactory()
    for _ in range(count):
        product = make_product(category=category)
        add_image(product)
    reindex_all()


@pytest.mark.parametrize("count", [3, 25])
def test_product_list_makes_a_bounded_number_of_queries(
    api_client, django_assert_max_num_queries, count
):
    _make_products(count)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = api_client.get(PRODUCTS, {"page_size": 100})

    assert response.json()["count"] == count
    image = response.json()["results"][0]["image"]
    assert image["thumbnails"]["320"].endswith("products/x_320.webp")


# --- Product detail -------------------------------------------------------------


def test_product_detail_lists_variants_offers_best_first(api_client, catalog):
    product = catalog["classic-t-shirt"]
    size = Option.objects.create(code="size", name="Size")
    medium = OptionValue.objects.create(option=size, value="M")
    variant = product.variants.get()
    variant.option_values.add(medium)
    rival = ShopFactory(slug="rival")
    cheaper = OfferFactory(variant=variant, shop=rival, price_amount=Decimal("9.00"))
    StockFactory(offer=cheaper, quantity_on_hand=1)
    suspended = ShopFactory(status=ShopStatus.SUSPENDED)
    OfferFactory(variant=variant, shop=suspended, price_amount=Decimal("1.00"))

    response = api_client.get(f"{PRODUCTS}classic-t-shirt/")

    assert response.status_code == 200
    body = response.json()
    assert [c["slug"] for c in body["breadcrumbs"]] == ["clothing", "shirts"]
    assert body["attributes"] == [{"code": "colour", "name": "Colour", "value": "Red"}]
    (variant_data,) = body["variants"]
    assert variant_data["options"] == [{"option": "size", "name": "Size", "value": "M"}]
    offers = variant_data["offers"]
    assert [o["shop"]["slug"] for o in offers] == ["rival", "north"]
    assert offers[0]["price"] == "9.00"
    assert offers[0]["in_stock"] is True


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.ARCHIVED])
def test_invisible_product_detail_is_404(api_client, status):
    make_product(slug="secret", status=status)

    response = api_client.get(f"{PRODUCTS}secret/")

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


def test_product_only_offered_by_a_suspended_shop_is_404(api_client):
    make_product(slug="gone", shop=ShopFactory(status=ShopStatus.SUSPENDED))

    response = api_client.get(f"{PRODUCTS}gone/")

    assert response.status_code == 404


@pytest.mark.parametrize("variants", [1, 6])
def test_product_detail_makes_a_bounded_number_of_queries(
    api_client, django_assert_max_num_queries, variants
):
    product = make_product(slug="many")
    size = Option.objects.create(code="size", name="Size")
    for n in range(variants - 1):
        variant = VariantFactory(product=product)
        variant.option_values.add(OptionValue.objects.create(option=size, value=n))
        StockFactory(offer=OfferFactory(variant=variant))
    add_image(product)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = api_client.get(f"{PRODUCTS}many/")

    assert len(response.json()["variants"]) == variants


# --- Categories -----------------------------------------------------------------


def test_category_tree_nests_active_children_in_one_query(
    api_client, django_assert_num_queries
):
    root = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(slug="shirts", parent=root)
    CategoryFactory(slug="polos", parent=shirts)
    hidden = CategoryFactory(slug="hidden", parent=root, is_active=False)
    CategoryFactory(slug="under-hidden", parent=hidden)
    CategoryFactory(name="Home", slug="home")

    with django_assert_num_queries(1):
        response = api_client.get("/api/v1/categories/")

    tree = response.json()
    assert [node["slug"] for node in tree] == ["clothing", "home"]
    (shirts_node,) = tree[0]["children"]
    assert shirts_node["slug"] == "shirts"
    assert [c["slug"] for c in shirts_node["children"]] == ["polos"]


def test_category_detail_has_breadcrumb_and_children(api_client):
    root = CategoryFactory(slug="clothing")
    shirts = CategoryFactory(slug="shirts", parent=root)
    CategoryFactory(slug="polos", parent=shirts)

    response = api_client.get("/api/v1/categories/shirts/")

    body = response.json()
    assert [c["slug"] for c in body["ancestors"]] == ["clothing"]
    assert [c["slug"] for c in body["children"]] == ["polos"]


def test_unknown_or_inactive_category_is_404(api_client):
    CategoryFactory(slug="off", is_active=False)

    response = api_client.get("/api/v1/categories/off/")

    assert response.status_code == 404
    assert response.json()["code"] == "category_not_found"


# --- Suggestions and shops ------------------------------------------------------


def test_suggest_returns_matching_titles(api_client, catalog):
    response = api_client.get("/api/v1/search/suggest/", {"q": "Bla"})

    assert response.status_code == 200
    assert "Black Jacket" in response.json()["suggestions"]


def test_suggest_without_text_is_empty(api_client):
    response = api_client.get("/api/v1/search/suggest/", {"q": " "})

    assert response.json() == {"suggestions": []}


def test_shop_list_shows_approved_shops_only(api_client):
    ShopFactory(name="Alpha", slug="alpha")
    ShopFactory(slug="pending", status=ShopStatus.PENDING)
    ShopFactory(slug="suspended", status=ShopStatus.SUSPENDED)

    response = api_client.get("/api/v1/shops/")

    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == "alpha"


@pytest.mark.parametrize("status", [ShopStatus.PENDING, ShopStatus.SUSPENDED])
def test_unapproved_shop_detail_is_404(api_client, status):
    ShopFactory(slug="closed", status=status)

    response = api_client.get("/api/v1/shops/closed/")

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"


def test_approved_shop_detail(api_client):
    ShopFactory(name="Alpha", slug="alpha", description="Hats.")

    response = api_client.get("/api/v1/shops/alpha/")

    assert response.json() == {
        "name": "Alpha",
        "slug": "alpha",
        "description": "Hats.",
        "logo": None,
        "contact_email": "",
        "contact_phone": "",
        "returns_policy": "",
        "shipping_policy": "",
        "social_links": {},
    }


def test_shop_detail_shows_the_profile(api_client):
    ShopFactory(
        slug="alpha",
        contact_email="hats@example.com",
        returns_policy="30 days",
        social_links={"website": "https://hats.example"},
    )

    body = api_client.get("/api/v1/shops/alpha/").json()

    assert body["contact_email"] == "hats@example.com"
    assert body["returns_policy"] == "30 days"
    assert body["social_links"] == {"website": "https://hats.example"}


# --- Schema ---------------------------------------------------------------------


def test_schema_lists_every_catalog_route(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    listed = {
        path: set(item) & {"get", "post", "put", "patch", "delete"}
        for path, item in schema["paths"].items()
        if path in ROUTES
    }
    assert listed == ROUTES


# --- Credentials on public reads --------------------------------------------------


def _expired_token(user) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=1))
    return str(token)


@pytest.mark.parametrize(
    "url",
    [
        PRODUCTS,
        "/api/v1/products/black-jacket/",
        "/api/v1/categories/",
        "/api/v1/categories/clothing/",
        "/api/v1/search/suggest/?q=sh",
        "/api/v1/shops/",
        "/api/v1/shops/north/",
    ],
)
@pytest.mark.parametrize("credentials", ["none", "garbage", "expired", "valid"])
def test_public_reads_answer_the_same_whatever_the_credentials(
    api_client, catalog, url, credentials
):
    anonymous = api_client.get(url)
    user = UserFactory()
    token = {
        "none": None,
        "garbage": "garbage",
        "expired": _expired_token(user),
        "valid": str(AccessToken.for_user(user)),
    }[credentials]
    if token:
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get(url)

    assert response.status_code == anonymous.status_code == 200
    assert response.json() == anonymous.json()


def test_product_list_with_a_garbage_bearer_token_is_200(api_client, catalog):
    response = api_client.get(PRODUCTS, HTTP_AUTHORIZATION="Bearer garbage")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 4


def test_signed_in_endpoints_still_refuse_a_garbage_token(api_client):
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer garbage")

    assert response.status_code == 401
