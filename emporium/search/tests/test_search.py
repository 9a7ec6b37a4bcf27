from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings

from emporium.catalog.constants import AttributeType
from emporium.catalog.models import Attribute, AttributeChoice, AttributeValue
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.backends import get_backend
from emporium.search.backends.base import MAX_QUERIES
from emporium.search.constants import SearchSort
from emporium.search.tests.factories import index, make_product
from emporium.search.types import SearchQuery
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _search(**kwargs):
    return get_backend().search(SearchQuery(**kwargs))


@pytest.fixture
def catalog():
    """Six products over two categories (one nested), two shops and brands."""
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    home = CategoryFactory(name="Home", slug="home")
    acme, zenith = (
        BrandFactory(name="Acme", slug="acme"),
        BrandFactory(name="Zenith", slug="zenith"),
    )
    north, south = ShopFactory(slug="north"), ShopFactory(slug="south")
    colour = Attribute.objects.create(
        code="colour", name="Colour", type=AttributeType.CHOICE, is_filterable=True
    )
    red = AttributeChoice.objects.create(attribute=colour, value="Red", slug="red")
    blue = AttributeChoice.objects.create(attribute=colour, value="Blue", slug="blue")
    rows = [
        ("Classic T-Shirt", shirts, acme, north, "19.00", 5, red),
        ("Black Jacket", clothing, zenith, north, "120.00", 0, blue),
        ("Blue Shirt", shirts, zenith, south, "35.00", 3, blue),
        ("Wool Socks", clothing, acme, south, "8.00", 2, red),
        ("Table Lamp", home, None, north, "60.00", 1, None),
        ("Cotton Pillow", home, acme, south, "25.00", 0, None),
    ]
    products = {}
    for title, category, brand, shop, price, quantity, choice in rows:
        product = make_product(
            title=title,
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
        products[title] = product
    index(*products.values())
    return products


def _counts(facet_values) -> dict[str, int]:
    return {f.value: f.count for f in facet_values}


def test_title_match_ranks_above_description_match():
    in_description = make_product(
        title="Garden Chair", description="<p>Pairs well with a lantern.</p>"
    )
    in_title = make_product(title="Lantern", description="Bright.")
    index(in_description, in_title)

    assert _search(text="lantern").product_ids == [in_title.pk, in_description.pk]


def test_prefix_of_a_word_matches_on_sqlite_and_full_words_everywhere(catalog):
    assert _search(text="jacket").product_ids == [catalog["Black Jacket"].pk]


def test_category_filter_includes_descendants(catalog):
    result = _search(category="clothing")

    assert result.total == 4
    assert set(result.product_ids) == {
        catalog[t].pk
        for t in ["Classic T-Shirt", "Black Jacket", "Blue Shirt", "Wool Socks"]
    }


def test_filters_combine_and_facets_count_the_filtered_results(catalog):
    result = _search(category="clothing", shop="north", page_size=50)

    assert result.total == 2
    facets = result.facets
    assert _counts(facets.categories) == {"clothing": 2, "shirts": 1}
    assert _counts(facets.shops) == {"north": 2}
    assert _counts(facets.brands) == {"acme": 1, "zenith": 1}
    assert _counts(facets.attributes["colour"]) == {"red": 1, "blue": 1}
    assert facets.in_stock == 1
    assert sum(b.count for b in facets.price_ranges) == result.total


def test_every_facet_count_equals_the_total_when_that_value_is_filtered(catalog):
    base = _search(page_size=50).facets
    for name, facet_values in [
        ("category", base.categories),
        ("shop", base.shops),
        ("brand", base.brands),
    ]:
        for facet in facet_values:
            assert _search(**{name: facet.value}).total == facet.count
    for facet in base.attributes["colour"]:
        assert _search(attributes={"colour": facet.value}).total == facet.count
    assert _search(in_stock=True).total == base.in_stock


def test_price_buckets_and_price_filter(catalog):
    facets = _search().facets
    buckets = {(b.min_price, b.max_price): b.count for b in facets.price_ranges}

    assert buckets == {
        (Decimal("0"), Decimal("25")): 2,
        (Decimal("25"), Decimal("50")): 2,
        (Decimal("50"), Decimal("100")): 1,
        (Decimal("100"), Decimal("250")): 1,
        (Decimal("250"), None): 0,
    }
    ranged = _search(min_price=Decimal("25"), max_price=Decimal("60"))
    assert ranged.total == 3


def test_attribute_filter_accepts_several_values(catalog):
    assert _search(attributes={"colour": ["red", "blue"]}).total == 4
    assert _search(attributes={"colour": "red"}).total == 2


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (SearchSort.PRICE_ASC, ["Wool Socks", "Classic T-Shirt", "Cotton Pillow"]),
        (SearchSort.PRICE_DESC, ["Black Jacket", "Table Lamp", "Blue Shirt"]),
        (SearchSort.NEWEST, ["Cotton Pillow", "Table Lamp", "Wool Socks"]),
    ],
)
def test_sort_orders(catalog, sort, expected):
    result = _search(sort=sort, page_size=3)

    assert result.product_ids == [catalog[t].pk for t in expected]


def test_pagination_walks_every_result_once(catalog):
    pages = [
        _search(sort=SearchSort.PRICE_ASC, page=n, page_size=4).product_ids
        for n in (1, 2, 3)
    ]

    assert [len(p) for p in pages] == [4, 2, 0]
    assert len(set(pages[0] + pages[1])) == 6


def test_a_search_makes_a_fixed_number_of_queries(
    catalog, django_assert_max_num_queries
):
    for n in range(20):
        make_product(title=f"Shirt {n}", category=catalog["Blue Shirt"].category)
    index(*catalog.values())
    query = SearchQuery(
        text="shirt",
        category="clothing",
        attributes={"colour": "blue"},
        in_stock=True,
        page_size=50,
    )

    with django_assert_max_num_queries(MAX_QUERIES):
        get_backend().search(query)


def test_zero_results_use_a_bounded_number_of_queries(
    catalog, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        result = _search(text="zzzzqqq")

    assert result.total == 0


def test_suggest_prefers_titles_starting_with_the_prefix(catalog):
    make_product(title="Shoe Rack")
    index(*catalog.values())
    from emporium.search.services import reindex_all

    reindex_all()

    assert get_backend().suggest("sh") == ["Shoe Rack", "Blue Shirt"]
    assert get_backend().suggest("s", limit=8) == []


@override_settings(SEARCH_BACKEND="emporium.search.backends.sqlite.SqliteSearchBackend")
def test_search_backend_setting_names_the_implementation():
    from emporium.search.backends.sqlite import SqliteSearchBackend

    assert isinstance(get_backend(cached=False), SqliteSearchBackend)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("text", "title"),
    [("tshrit", "Classic T-Shirt"), ("blck jakcet", "Black Jacket")],
)
def test_typos_still_find_the_product_on_postgres(
    catalog, text, title, django_assert_max_num_queries
):
    # Full text finds nothing, so the trigram pass runs: still bounded.
    with django_assert_max_num_queries(MAX_QUERIES):
        result = _search(text=text)

    assert result.is_fuzzy is True
    assert result.product_ids[0] == catalog[title].pk


def test_fts5_prefix_terms_match_on_sqlite(catalog):
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is the SQLite backend; PostgreSQL matches whole words")

    result = _search(text="jack cla")

    assert result.product_ids == []
    assert _search(text="jack").product_ids == [catalog["Black Jacket"].pk]
    assert _search(text="t-sh").product_ids == [catalog["Classic T-Shirt"].pk]
