"""Ratings in the catalog read API: `rating` {average, count} on product
cards and the product detail, from published reviews only."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.reviews.services import create_review, hide_review
from emporium.search.backends.base import MAX_QUERIES as MAX_SEARCH_QUERIES
from emporium.search.tests.factories import index, make_product

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"


def _review(product, rating: int):
    return create_review(author=UserFactory(), product_id=product.pk, rating=rating)


def test_product_cards_carry_their_rating(api_client):
    rated = make_product(title="Rated Lamp")
    plain = make_product(title="Plain Lamp")
    _review(rated, 5)
    _review(rated, 4)
    index(rated, plain)

    results = api_client.get(PRODUCTS).json()["results"]

    ratings = {card["slug"]: card["rating"] for card in results}
    assert ratings == {
        rated.slug: {"average": "4.5", "count": 2},
        plain.slug: {"average": None, "count": 0},
    }


def test_the_product_detail_carries_its_rating_without_hidden_reviews(api_client):
    product = make_product()
    _review(product, 2)
    hidden = _review(product, 5)
    hide_review(review_id=hidden.pk, actor=None)

    body = api_client.get(f"{PRODUCTS}{product.slug}/").json()

    assert body["rating"] == {"average": "2.0", "count": 1}


@pytest.mark.parametrize("count", [2, 20])
def test_rated_cards_keep_the_list_query_count(
    api_client, django_assert_max_num_queries, count
):
    products = [make_product() for _ in range(count)]
    for product in products:
        _review(product, 3)
    index(*products)

    # The search backend's own bound, then the page's cards and their images.
    with django_assert_max_num_queries(MAX_SEARCH_QUERIES + 2):
        body = api_client.get(PRODUCTS, {"page_size": 100}).json()
    assert {card["rating"]["count"] for card in body["results"]} == {1}
