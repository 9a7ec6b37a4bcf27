"""The vendor's reviews page: its own shop's and products' reviews only."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import OfferFactory, VariantFactory
from emporium.reviews.services import hide_review
from emporium.reviews.tests.factories import review, reviewable_product
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:reviews")


@pytest.fixture
def shop():
    return ShopFactory(name="North")


def test_the_page_is_in_the_dashboard_menu(client, shop):
    client.force_login(shop.owner)

    html = client.get(URL).text

    assert f'href="{URL}" aria-current="page"' in html


def test_a_vendor_reads_the_reviews_of_its_products(client, shop):
    mine = reviewable_product(shop=shop)
    theirs = reviewable_product()
    review(product=mine, title="About my lamp")
    review(product=theirs, title="About their lamp")
    client.force_login(shop.owner)

    html = client.get(URL).text

    assert "About my lamp" in html
    assert "About their lamp" not in html
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_a_vendor_reads_reviews_of_products_it_also_offers(client, shop):
    theirs = reviewable_product()
    OfferFactory(variant=VariantFactory(product=theirs), shop=shop)
    review(product=theirs, title="Shared product")
    client.force_login(shop.owner)

    assert "Shared product" in client.get(URL).text


def test_a_vendor_reads_its_shop_reviews_and_rating(client, shop):
    review(shop=shop, rating=4, body="Kind people.")
    review(shop=ShopFactory(), body="Another shop.")
    client.force_login(shop.owner)

    html = client.get(URL, {"about": "shop"}).text

    assert "Kind people." in html
    assert "Another shop." not in html
    assert 'data-shop-rating="1"' in html


def test_hidden_reviews_are_not_shown_to_the_vendor(client, shop):
    hidden = review(shop=shop, body="Rude words.")
    hide_review(review_id=hidden.pk, actor=None)
    client.force_login(shop.owner)

    assert "Rude words." not in client.get(URL, {"about": "shop"}).text


def test_shop_staff_read_them_too(client, shop):
    member = ShopMemberFactory(shop=shop)
    review(shop=shop, body="Kind people.")
    client.force_login(member.user)

    assert "Kind people." in client.get(URL, {"about": "shop"}).text


def test_review_text_is_escaped(client, shop):
    review(shop=shop, body="<script>alert(1)</script>")
    client.force_login(shop.owner)

    html = client.get(URL, {"about": "shop"}).text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_anonymous_visitors_sign_in_and_non_vendors_are_refused(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_another_shop_is_not_found(client, shop):
    client.force_login(shop.owner)

    response = client.get(URL, {"shop": ShopFactory().slug})

    assert response.status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_page_query_count_does_not_grow_with_reviews(
    client, shop, django_assert_max_num_queries, count
):
    product = reviewable_product(shop=shop)
    for _ in range(count):
        review(product=product)
    client.force_login(shop.owner)

    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
