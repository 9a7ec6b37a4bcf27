"""The search page: finding, facet filters, htmx partial, bad input, suggestions,
the query log, and a query count that does not grow with the results."""

import re

import pytest
from django.urls import reverse

from emporium.catalog.constants import ProductStatus
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.models import SearchQueryLog
from emporium.search.services import reindex_all
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

URL = reverse("storefront:search")


@pytest.fixture
def catalog():
    """Four visible products in two categories and brands, and one draft."""
    shirts = CategoryFactory(name="Shirts", slug="shirts")
    lamps = CategoryFactory(name="Lamps", slug="lamps")
    acme = BrandFactory(name="Acme", slug="acme")
    zenith = BrandFactory(name="Zenith", slug="zenith")
    shop = ShopFactory(slug="north")
    listed_product(title="Blue Shirt", category=shirts, brand=acme, shop=shop)
    listed_product(
        title="Red Shirt", category=shirts, brand=zenith, shop=shop, price="45.00"
    )
    listed_product(title="Green Shirt", category=shirts, brand=acme, stock=0)
    listed_product(title="Desk Lamp", category=lamps, brand=zenith, price="80.00")
    listed_product(title="Secret Shirt", category=shirts, status=ProductStatus.DRAFT)
    reindex_all()


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


def test_search_finds_a_visible_product_by_title_and_not_a_draft(client, catalog):
    html = client.get(URL, {"q": "shirt"}).text

    assert _titles(html) == {"Blue Shirt", "Red Shirt", "Green Shirt"}
    assert "Secret Shirt" not in html


def test_search_page_is_not_indexed_by_robots_and_has_a_title(client, catalog):
    html = client.get(URL, {"q": "lamp"}).text

    assert '<meta name="robots" content="noindex,follow">' in html
    assert "<title>Search: lamp |" in html
    assert 'enterkeyhint="search" value="lamp"' in html


def test_facet_counts_match_the_filtered_results(client, catalog):
    html = client.get(URL, {"q": "shirt"}).text

    acme = _facet_count(html, "brand", "acme")
    zenith = _facet_count(html, "brand", "zenith")
    assert (acme, zenith) == (2, 1)
    assert len(_titles(client.get(URL, {"q": "shirt", "brand": "acme"}).text)) == acme
    filtered = client.get(URL, {"q": "shirt", "brand": "zenith"}).text
    assert len(_titles(filtered)) == zenith


def test_filters_in_the_url_narrow_the_results(client, catalog):
    html = client.get(
        URL, {"category": "shirts", "brand": "acme", "in_stock": "1"}
    ).text

    assert _titles(html) == {"Blue Shirt"}
    assert 'name="in_stock" value="1" checked' in html


def test_price_filter_narrows_the_results(client, catalog):
    html = client.get(URL, {"min_price": "40", "max_price": "90"}).text

    assert _titles(html) == {"Red Shirt", "Desk Lamp"}


def test_htmx_request_gets_the_results_partial(client, catalog):
    response = client.get(URL, {"q": "lamp"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="search-form"' in response.text
    assert _titles(response.text) == {"Desk Lamp"}


@pytest.mark.parametrize(
    "params",
    [
        {"min_price": "abc"},
        {"sort": "evil"},
        {"page": "-1"},
        {"page": "abc"},
        {"attr_colour": "<script>"},
        {"category": "no such/slug"},
    ],
)
def test_bad_params_are_ignored_without_an_error(client, catalog, params):
    response = client.get(URL, {"q": "shirt", **params})

    assert response.status_code == 200
    assert _titles(response.text) == {"Blue Shirt", "Red Shirt", "Green Shirt"}


@pytest.mark.parametrize("page", ["2", "1001", "99999999999"])
def test_search_page_past_the_last_is_404(client, catalog, page):
    assert client.get(URL, {"q": "shirt", "page": page}).status_code == 404


def test_search_with_no_results_still_serves_its_first_page(client, catalog):
    assert client.get(URL, {"q": "zzzzqqqq", "page": "1"}).status_code == 200
    assert client.get(URL, {"q": "zzzzqqqq", "page": "2"}).status_code == 404


def test_bad_param_is_reported_on_the_form(client, catalog):
    html = client.get(URL, {"min_price": "abc"}).text

    assert "Some filters were ignored" in html


def test_zero_results_show_a_helpful_message(client, catalog):
    html = client.get(URL, {"q": "zzzzqqqq"}).text

    assert "No products found" in html
    assert "Check the spelling" in html


def test_a_search_with_text_is_logged_with_its_result_count(client, catalog):
    client.get(URL, {"q": "Shirt", "brand": "acme"})

    log = SearchQueryLog.objects.get()
    assert (log.query, log.result_count) == ("Shirt", 2)
    assert log.filters["brand"] == "acme"


def test_browsing_without_text_is_not_logged(client, catalog):
    client.get(URL, {"brand": "acme"})

    assert not SearchQueryLog.objects.exists()


def test_suggestions_fragment_links_to_matching_titles(client, catalog):
    response = client.get(reverse("storefront:search-suggest"), {"q": "desk"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'aria-label="Suggestions"' in response.text
    assert 'href="/search/?q=Desk%20Lamp"' in response.text


def test_suggestions_are_empty_for_a_short_prefix(client, catalog):
    response = client.get(reverse("storefront:search-suggest"), {"q": "d"})

    assert response.status_code == 200
    assert response.text.strip() == ""


def test_header_search_input_asks_for_suggestions(client, catalog):
    html = client.get(reverse("storefront:home")).text

    assert f'hx-get="{reverse("storefront:search-suggest")}"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html


def _listed(count: int) -> None:
    category = CategoryFactory(slug="bulk")
    brand = BrandFactory()
    for n in range(count):
        listed_product(title=f"Bulk Widget {n}", category=category, brand=brand)
    reindex_all()


QUERY_BOUND = 6  # search: totals, ids, facets, log; cards: products, images


@pytest.mark.parametrize("count", [3, 20])
def test_search_page_queries_do_not_grow_with_the_results(
    client, django_assert_max_num_queries, count
):
    _listed(count)

    with django_assert_max_num_queries(QUERY_BOUND):
        html = client.get(URL, {"q": "widget", "category": "bulk"}).text

    assert len(_titles(html)) == count
