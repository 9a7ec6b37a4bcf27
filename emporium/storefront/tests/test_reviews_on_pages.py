"""Ratings and reviews on storefront pages: cards, product and shop pages,
JSON-LD, the page cache, and no per-visitor state on cached pages."""

import json
import re

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import CategoryFactory
from emporium.reviews.services import create_review, hide_review
from emporium.search.backends.base import MAX_QUERIES
from emporium.search.services import reindex_all
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _documents(html: str) -> dict[str, dict]:
    return {doc["@type"]: doc for doc in map(json.loads, JSON_LD.findall(html))}


def _review(*, product=None, shop=None, rating=5, **fields):
    return create_review(
        author=UserFactory(first_name="Ada", last_name="Lovelace"),
        product_id=product.pk if product else None,
        shop_id=shop.pk if shop else None,
        rating=rating,
        **fields,
    )


def _product_url(product) -> str:
    return reverse("storefront:product", args=[product.slug])


def _shop_url(shop) -> str:
    return reverse("storefront:shop", args=[shop.slug])


# --- Product page -------------------------------------------------------------


def test_product_page_shows_the_rating_its_distribution_and_the_reviews(client):
    product = listed_product()
    _review(product=product, rating=5, title="Lovely", body="Warm and soft.")
    _review(product=product, rating=4)

    html = client.get(_product_url(product)).text

    assert "data-rating-average>4.5</span>" in html
    assert 'data-rating-count="2"' in html
    assert re.search(r'data-stars="5">1</td>', html)
    assert re.search(r'data-stars="4">1</td>', html)
    assert "Lovely" in html
    assert "Warm and soft." in html
    assert "Ada L." in html


def test_product_page_without_reviews_says_so_and_has_no_rating(client):
    product = listed_product()

    html = client.get(_product_url(product)).text

    assert "No reviews yet." in html
    assert "data-rating-link" not in html


def test_product_page_lists_reviews_newest_first_ten_per_page(client):
    product = listed_product()
    for number in range(12):
        _review(product=product, title=f"Review number {number}")

    html = client.get(_product_url(product)).text

    titles = re.findall(r"Review number (\d+)", html)
    assert titles == [str(n) for n in range(11, 1, -1)]
    assert "Page 1 of 2" in html
    second = client.get(
        reverse("reviews:product-list", args=[product.slug]), {"page": 2}
    ).text
    assert re.findall(r"Review number (\d+)", second) == ["1", "0"]


def test_a_verified_purchase_shows_its_badge(client):
    product = listed_product()
    verified = _review(product=product, title="Bought it")
    type(verified).objects.filter(pk=verified.pk).update(is_verified_purchase=True)
    _review(product=product, title="Just looking")

    html = client.get(_product_url(product)).text

    assert html.count("data-verified>Verified purchase") == 1


def test_review_text_is_escaped_so_a_script_never_runs(client):
    product = listed_product()
    _review(
        product=product,
        title="<img src=x onerror=alert(1)>",
        body="<script>alert('x')</script>",
    )

    html = client.get(_product_url(product)).text

    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_a_hidden_review_is_neither_shown_nor_counted(client):
    product = listed_product()
    _review(product=product, rating=5, title="Kept")
    spam = _review(product=product, rating=1, title="Buy cheap watches")
    hide_review(review_id=spam.pk, actor=None)

    html = client.get(_product_url(product)).text

    assert "Buy cheap watches" not in html
    assert 'data-rating-count="1"' in html
    assert "data-rating-average>5.0</span>" in html


@pytest.mark.parametrize("count", [2, 20])
def test_product_page_query_count_does_not_grow_with_reviews(
    client, django_assert_max_num_queries, count
):
    product = listed_product(category=CategoryFactory())
    for _ in range(count):
        _review(product=product)

    # The page's 7, plus the summary and one page of reviews with authors.
    with django_assert_max_num_queries(9):
        assert client.get(_product_url(product)).status_code == 200


# --- JSON-LD ------------------------------------------------------------------


def test_product_json_ld_has_an_aggregate_rating_with_reviews(client):
    product = listed_product()
    for rating in (5, 4, 4):
        _review(product=product, rating=rating)

    data = _documents(client.get(_product_url(product)).text)["Product"]

    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.3",
        "reviewCount": 3,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_product_json_ld_has_no_aggregate_rating_without_published_reviews(client):
    product = listed_product()
    hidden = _review(product=product)
    hide_review(review_id=hidden.pk, actor=None)

    data = _documents(client.get(_product_url(product)).text)["Product"]

    assert "aggregateRating" not in data


def test_shop_json_ld_has_an_aggregate_rating_only_with_reviews(client):
    shop = ShopFactory(name="Fjord Goods")
    listed_product(shop=shop)

    before = _documents(client.get(_shop_url(shop)).text)
    _review(shop=shop, rating=3)
    _review(shop=shop, rating=4)
    after = _documents(client.get(_shop_url(shop)).text)

    organization = next(d for d in before.values() if d.get("name") == "Fjord Goods")
    assert "aggregateRating" not in organization
    rated = next(d for d in after.values() if d.get("name") == "Fjord Goods")
    assert rated["aggregateRating"]["ratingValue"] == "3.5"
    assert rated["aggregateRating"]["reviewCount"] == 2
    assert rated["aggregateRating"]["bestRating"] == 5


# --- Shop page and cards -------------------------------------------------------


def test_shop_page_shows_the_shop_rating_and_its_reviews(client):
    shop = ShopFactory()
    listed_product(shop=shop)
    _review(shop=shop, rating=4, body="Quick delivery.")

    html = client.get(_shop_url(shop)).text

    assert "Quick delivery." in html
    assert "data-rating-average>4.0</span>" in html
    assert "data-rating-link" in html


def test_product_cards_show_the_average_and_count(client):
    category = CategoryFactory()
    rated = listed_product(category=category, title="Rated Lamp")
    listed_product(category=category, title="Plain Lamp")
    _review(product=rated, rating=5)
    _review(product=rated, rating=4)

    html = client.get(reverse("storefront:category", args=[category.slug])).text

    assert html.count('data-rating="4.5"') == 1
    assert "Rated 4.5 out of 5 from 2 reviews" in html


def test_search_result_cards_show_ratings(client):
    product = listed_product(title="Rated Lantern")
    _review(product=product, rating=3)
    reindex_all()

    html = client.get(reverse("storefront:search"), {"q": "lantern"}).text

    assert 'data-rating="3.0"' in html


@pytest.mark.parametrize("count", [2, 20])
def test_category_page_with_rated_cards_keeps_its_query_count(
    client, django_assert_max_num_queries, count
):
    category = CategoryFactory()
    for _ in range(count):
        _review(product=listed_product(category=category), rating=4)
    reindex_all()

    with django_assert_max_num_queries(7 + MAX_QUERIES):
        response = client.get(reverse("storefront:category", args=[category.slug]))
    assert response.content.count(b'data-rating="4.0"') == count


@pytest.mark.parametrize("count", [2, 20])
def test_shop_page_query_count_does_not_grow_with_reviews(
    client, django_assert_max_num_queries, count
):
    shop = ShopFactory()
    for _ in range(3):
        listed_product(shop=shop)
    for _ in range(count):
        _review(shop=shop)

    with django_assert_max_num_queries(7):
        assert client.get(_shop_url(shop)).status_code == 200


# --- The page cache -----------------------------------------------------------


def test_a_new_review_shows_on_the_next_anonymous_view_of_a_cached_page(
    client, django_capture_on_commit_callbacks
):
    product = listed_product()
    url = _product_url(product)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        _review(product=product, title="Fresh opinion")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Fresh opinion" in response.text


def test_a_hidden_review_leaves_the_cached_page_at_once(
    client, django_capture_on_commit_callbacks
):
    product = listed_product()
    spam = _review(product=product, title="Buy cheap watches")
    url = _product_url(product)
    assert "Buy cheap watches" in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        hide_review(review_id=spam.pk, actor=None)

    assert "Buy cheap watches" not in client.get(url).text


def test_a_new_shop_review_shows_on_the_next_anonymous_view(
    client, django_capture_on_commit_callbacks
):
    shop = ShopFactory()
    listed_product(shop=shop)
    client.get(_shop_url(shop))

    with django_capture_on_commit_callbacks(execute=True):
        _review(shop=shop, body="Friendly shop.")

    assert "Friendly shop." in client.get(_shop_url(shop)).text


def test_the_cached_page_has_no_per_visitor_state(client):
    product = listed_product()
    _review(product=product)

    html = client.get(_product_url(product)).text

    assert "csrfmiddlewaretoken" not in html
    assert 'id="wishlist-hearts"' not in html
    assert 'aria-pressed="true"' not in html
    # The review form is the visitor's own: only a sign-in link here.
    assert "Sign in to write a review" in html
    assert 'hx-post="/wishlist/' not in html


def test_a_signed_in_page_loads_the_form_and_hearts_after_the_page(client):
    product = listed_product()
    client.force_login(UserFactory())

    html = client.get(_product_url(product)).text

    form_url = reverse("reviews:product-form", args=[product.slug])
    assert f'hx-get="{form_url}" hx-trigger="load"' in html
    assert 'id="wishlist-hearts"' in html
    assert f'data-heart="product-{product.pk}"' in html
    assert 'aria-pressed="true"' not in html
