"""SQLite typo fallback: misspelt words are corrected against the vocabulary
of indexed titles and brands, and the search runs again, still bounded."""

import pytest
from django.db import connection
from django.urls import reverse

from emporium.catalog.models import Product
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.backends.base import MAX_QUERIES
from emporium.search.backends.sqlite import SqliteSearchBackend, prune_vocabulary
from emporium.search.services import reindex_all
from emporium.search.tests.factories import index, make_product
from emporium.search.types import SearchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backend's fallback; PostgreSQL has trigrams")


@pytest.fixture
def catalog():
    shirts = CategoryFactory(name="Shirts", slug="shirts")
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    acme = BrandFactory(name="Acme", slug="acme")
    products = {
        title: make_product(title=title, category=category, brand=brand)
        for title, category, brand in [
            ("Classic T-Shirt", shirts, acme),
            ("Black Jacket", clothing, None),
            ("Blue Shirt", shirts, acme),
            ("Café Crème Mug", kitchen, None),
            ("Wool Socks", clothing, None),
        ]
    }
    index(*products.values())
    return products


def _search(**kwargs):
    return SqliteSearchBackend().search(SearchQuery(**kwargs))


def _vocabulary() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM search_vocab_word")
        return {word for (word,) in cursor.fetchall()}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("tshrit", "Classic T-Shirt"),
        ("blck jakcet", "Black Jacket"),
        ("BLCK Jacket", "Black Jacket"),
        ("crme mug", "Café Crème Mug"),
        ("wol sokcs", "Wool Socks"),
    ],
)
def test_typos_still_find_the_product_within_the_query_bound(
    catalog, text, title, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        result = _search(text=text)

    assert result.is_fuzzy is True
    assert result.product_ids[0] == catalog[title].pk


def test_all_corrected_words_must_match(catalog):
    result = _search(text="blck shrit")

    assert result.product_ids == []


def test_the_joined_hyphenated_word_matches_without_the_fallback(catalog):
    result = _search(text="tshirt")

    assert result.is_fuzzy is False
    assert result.product_ids == [catalog["Classic T-Shirt"].pk]


def test_a_query_that_matches_is_never_corrected(catalog):
    result = _search(text="shirt")

    assert result.is_fuzzy is False
    assert set(result.product_ids) == {
        catalog["Classic T-Shirt"].pk,
        catalog["Blue Shirt"].pk,
    }


@pytest.mark.parametrize("text", ["zzzzqqqq", "xylophone", "qq"])
def test_nothing_alike_finds_nothing(catalog, text):
    result = _search(text=text)

    assert result.product_ids == []
    assert result.total == 0


def test_filters_still_apply_to_corrected_results(catalog):
    assert _search(text="shrit", brand="acme").total == 2
    assert _search(text="jakcet", brand="acme").product_ids == []


def test_facets_count_the_corrected_results(catalog):
    result = _search(text="jakcet")

    assert {f.value: f.count for f in result.facets.categories} == {"clothing": 1}


def test_newly_indexed_words_are_corrected_and_gone_ones_pruned(catalog):
    lamp = make_product(title="Brass Lantern")
    index(lamp)
    assert _search(text="lantren").product_ids == [lamp.pk]

    Product.objects.filter(pk=lamp.pk).update(status="archived")
    reindex_all()

    assert "lantern" not in _vocabulary()
    assert "jacket" in _vocabulary()
    assert _search(text="lantren").product_ids == []
    assert prune_vocabulary() == 0


def test_vocabulary_holds_title_brand_and_joined_words_folded(catalog):
    words = _vocabulary()

    assert {"classic", "shirt", "tshirt", "acme", "cafe", "creme"} <= words
    assert "t" not in words  # too short to correct to


def test_search_page_says_it_shows_similar_words(client, catalog):
    response = client.get(reverse("storefront:search"), {"q": "tshrit"})

    assert response.status_code == 200
    assert "Classic T-Shirt" in response.text
    assert response.context["results"].is_fuzzy is True
