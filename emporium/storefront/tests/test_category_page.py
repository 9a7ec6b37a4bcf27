"""The category page: subtree listing, visibility, sort, pages, query bound."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from emporium.catalog.constants import ProductStatus
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.backends.base import MAX_QUERIES
from emporium.search.services import reindex_all
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _url(category) -> str:
    return reverse("storefront:category", args=[category.slug])


def test_category_page_lists_visible_products_of_the_category_and_descendants(
    client,
):
    root = CategoryFactory()
    child = CategoryFactory(parent=root, name="Boots")
    listed_product(category=root, title="Root Thing")
    listed_product(category=child, title="Child Thing")
    listed_product(category=root, title="Draft Thing", status=ProductStatus.DRAFT)
    listed_product(
        category=root,
        title="Suspended Thing",
        shop=ShopFactory(status=ShopStatus.SUSPENDED),
    )

    html = client.get(_url(root)).text

    assert "Root Thing" in html
    assert "Child Thing" in html
    assert "Draft Thing" not in html
    assert "Suspended Thing" not in html
    assert f'href="{_url(child)}"' in html


def test_category_page_is_404_for_an_inactive_category(client):
    category = CategoryFactory(is_active=False)

    assert client.get(_url(category)).status_code == 404


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("price_asc", ["Cheap", "Dear"]), ("price_desc", ["Dear", "Cheap"])],
)
def test_category_page_sorts_by_best_price(client, sort, expected):
    category = CategoryFactory()
    listed_product(category=category, title="Cheap", price="5.00")
    listed_product(category=category, title="Dear", price="50.00")

    html = client.get(_url(category), {"sort": sort}).text

    assert html.index(expected[0]) < html.index(expected[1])
    assert f'<option value="{sort}" selected>' in html


def test_category_page_paginates_24_a_page_and_links_keep_the_sort(client):
    category = CategoryFactory()
    for _ in range(25):
        listed_product(category=category)

    first = client.get(_url(category), {"sort": "price_asc"})
    second = client.get(_url(category), {"sort": "price_asc", "page": 2})

    assert len(first.context["page_obj"].object_list) == 24
    assert len(second.context["page_obj"].object_list) == 1
    assert "?sort=price_asc&amp;page=2" in first.text


@pytest.mark.parametrize("count", [3, 30])
def test_category_page_query_count_does_not_grow_with_products(
    client, django_assert_max_num_queries, count
):
    category = CategoryFactory()
    for _ in range(count):
        listed_product(category=category)

    reindex_all()

    # The listing's 7, plus the one facet search.
    with django_assert_max_num_queries(7 + MAX_QUERIES):
        assert client.get(_url(category)).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_filtered_category_page_query_count_does_not_grow_with_products(
    client, django_assert_max_num_queries, count
):
    category = CategoryFactory()
    acme = BrandFactory(slug="acme")
    for _ in range(count):
        listed_product(category=category, brand=acme)
    reindex_all()

    with django_assert_max_num_queries(7 + MAX_QUERIES):
        response = client.get(_url(category), {"brand": "acme"})
    assert response.status_code == 200


def test_product_card_prices_the_in_stock_offer_before_a_cheaper_sold_out_one(
    client,
):
    category = CategoryFactory()
    product = listed_product(category=category, price="30.00", variants=2)
    sold_out = product.variants.order_by("pk").last().offers.get()
    sold_out.price_amount = "10.00"
    sold_out.save()
    sold_out.stocks.update(quantity_on_hand=0)

    card = client.get(_url(category)).context["page_obj"].object_list[0]

    assert card.best_price == Decimal("30.00")
    assert card.highest_price == Decimal("30.00")
    assert card.is_in_stock


@pytest.fixture
def shirts():
    """A category (with a subcategory) of three products in two brands, and
    one product elsewhere; all indexed for search."""
    shirts = CategoryFactory(name="Shirts", slug="shirts")
    polos = CategoryFactory(parent=shirts, name="Polos", slug="polos")
    acme = BrandFactory(name="Acme", slug="acme")
    zenith = BrandFactory(name="Zenith", slug="zenith")
    listed_product(title="Blue Shirt", category=shirts, brand=acme, price="20.00")
    listed_product(title="Green Polo", category=polos, brand=acme, price="30.00")
    listed_product(title="Red Shirt", category=shirts, brand=zenith, price="60.00")
    listed_product(title="Desk Lamp", category=CategoryFactory(), brand=zenith)
    reindex_all()
    return shirts


def _titles(html: str) -> set[str]:
    return set(re.findall(r'href="/p/[^"]+/"[^>]*>([^<]+)</a>', html))


def _facet_count(html: str, name: str, value: str) -> int:
    match = re.search(
        rf'name="{name}" value="{value}"[^>]*>.*?data-facet-count>(\d+)<',
        html,
        re.S,
    )
    assert match, f"no facet {name}={value}"
    return int(match.group(1))


def test_category_facet_counts_match_the_filtered_list(client, shirts):
    html = client.get(_url(shirts)).text

    assert _titles(html) == {"Blue Shirt", "Green Polo", "Red Shirt"}
    acme = _facet_count(html, "brand", "acme")
    zenith = _facet_count(html, "brand", "zenith")
    assert (acme, zenith) == (2, 1)
    assert len(_titles(client.get(_url(shirts), {"brand": "acme"}).text)) == acme
    assert len(_titles(client.get(_url(shirts), {"brand": "zenith"}).text)) == zenith


def test_category_brand_filter_narrows_the_list(client, shirts):
    response = client.get(_url(shirts), {"brand": "acme", "sort": "price_desc"})

    assert _titles(response.text) == {"Blue Shirt", "Green Polo"}
    html = response.text
    assert html.index("Green Polo") < html.index("Blue Shirt")
    assert response.context["page_obj"].paginator.count == 2
    assert 'name="brand" value="acme" checked' in html


def test_category_price_filter_narrows_the_list(client, shirts):
    html = client.get(_url(shirts), {"max_price": "50"}).text

    assert _titles(html) == {"Blue Shirt", "Green Polo"}


@pytest.mark.parametrize(
    "params",
    [
        {"min_price": "cheap"},
        {"max_price": "-5"},
        {"brand": "no such/brand"},
        {"in_stock": "maybe", "page": "x"},
        {"attr_colour": "<script>"},
        {"attr_": "red", "sort": "bogus"},
        {"page": "0", "brand": "acme"},
    ],
)
def test_category_bad_filter_values_do_not_crash(client, shirts, params):
    response = client.get(_url(shirts), params)

    assert response.status_code == 200


@pytest.mark.parametrize("page", ["abc", "0", "-1", ""])
@pytest.mark.parametrize("filters", [{}, {"brand": "acme"}])
def test_category_malformed_page_shows_the_first_page(client, shirts, filters, page):
    response = client.get(_url(shirts), {**filters, "page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert _titles(response.text)


@pytest.mark.parametrize("page", ["2", "999", "1001", "99999999999"])
@pytest.mark.parametrize("filters", [{}, {"brand": "acme"}, {"max_price": "50"}])
def test_category_page_past_the_last_is_404_filtered_or_not(
    client, shirts, filters, page
):
    response = client.get(_url(shirts), {**filters, "page": page})

    assert response.status_code == 404


def test_category_last_page_is_served_filtered_or_not(client):
    category = CategoryFactory()
    acme = BrandFactory(slug="acme")
    for _ in range(25):
        listed_product(category=category, brand=acme)
    reindex_all()

    plain = client.get(_url(category), {"page": 2})
    filtered = client.get(_url(category), {"page": 2, "brand": "acme"})

    assert plain.status_code == filtered.status_code == 200
    assert len(plain.context["page_obj"].object_list) == 1
    assert len(filtered.context["page_obj"].object_list) == 1
    assert client.get(_url(category), {"page": 3}).status_code == 404
    assert client.get(_url(category), {"page": 3, "brand": "acme"}).status_code == 404


def test_empty_category_first_page_is_served(client):
    category = CategoryFactory()

    assert client.get(_url(category), {"page": "1"}).status_code == 200
    assert client.get(_url(category), {"page": "1", "brand": "x"}).status_code == 200


def test_htmx_request_gets_the_category_results_fragment(client, shirts):
    response = client.get(
        _url(shirts), {"brand": "acme"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="category-form"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert _titles(response.text) == {"Blue Shirt", "Green Polo"}
    assert "2 products" in response.text


def test_htmx_fragment_and_full_page_are_cached_apart(client, shirts):
    full = client.get(_url(shirts))
    fragment = client.get(_url(shirts), headers={"HX-Request": "true"})
    again = client.get(_url(shirts))

    assert "<html" in full.text
    assert "<html" not in fragment.text
    assert "<html" in again.text


def test_a_history_restore_gets_the_whole_category_page(client, shirts):
    response = client.get(
        _url(shirts),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.text
