"""The wishlist API: /api/v1/me/wishlist/."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.catalog.constants import ProductStatus
from emporium.wishlists.models import WishlistItem
from emporium.wishlists.services import save_to_wishlist
from emporium.wishlists.tests.conftest import visible_product

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/wishlist/"


def client_for(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_anonymous_callers_get_401(api_client, product):
    assert api_client.get(URL).status_code == 401
    response = api_client.post(URL, {"product": product.slug})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert api_client.delete(f"{URL}1/").status_code == 401


def test_saving_a_product_answers_201_with_the_item(buyer, product):
    response = client_for(buyer).post(URL, {"product": product.slug})

    assert response.status_code == 201
    body = response.json()
    assert body["product"]["slug"] == product.slug
    assert body["product"]["price"] == "10.00"
    assert body["product"]["in_stock"] is True
    assert body["shop"] is None
    assert WishlistItem.objects.get().pk == body["id"]


def test_saving_twice_answers_200_with_the_same_item(buyer, product):
    client = client_for(buyer)
    first = client.post(URL, {"product": product.slug}).json()

    again = client.post(URL, {"product": product.slug})

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert WishlistItem.objects.count() == 1


def test_saving_a_shop(buyer, product):
    response = client_for(buyer).post(URL, {"shop": product.shop.slug})

    assert response.status_code == 201
    assert response.json()["shop"]["slug"] == product.shop.slug
    assert response.json()["product"] is None


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 400, "invalid"),
        ({"product": "x", "shop": "y"}, 400, "invalid"),
        ({"product": "no-such-thing"}, 404, "product_not_found"),
        ({"shop": "no-such-shop"}, 404, "shop_not_found"),
    ],
)
def test_bad_saves_are_refused(buyer, body, status, code):
    response = client_for(buyer).post(URL, body)

    assert response.status_code == status
    assert response.json()["code"] == code


def test_the_list_shows_only_the_users_visible_items(buyer, other, product):
    archived = visible_product()
    save_to_wishlist(user=buyer, product_id=product.pk)
    save_to_wishlist(user=buyer, product_id=archived.pk)
    save_to_wishlist(user=other, shop_id=product.shop_id)
    archived.status = ProductStatus.ARCHIVED
    archived.save()

    body = client_for(buyer).get(URL).json()

    assert body["count"] == 1
    assert [item["product"]["slug"] for item in body["results"]] == [product.slug]


def test_deleting_an_item(buyer, product):
    item = save_to_wishlist(user=buyer, product_id=product.pk).item

    response = client_for(buyer).delete(f"{URL}{item.pk}/")

    assert response.status_code == 204
    assert not WishlistItem.objects.exists()


def test_another_users_item_is_404_and_stays(buyer, other, product):
    item = save_to_wishlist(user=buyer, product_id=product.pk).item

    response = client_for(other).delete(f"{URL}{item.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "wishlist_item_not_found"
    assert WishlistItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_query_count_does_not_grow_with_items(
    buyer, django_assert_num_queries, count
):
    for _ in range(count):
        product = visible_product()
        save_to_wishlist(user=buyer, product_id=product.pk)
        save_to_wishlist(user=buyer, shop_id=product.shop_id)
    client = client_for(buyer)

    # The user (JWT), the count, the items with shops, products, images.
    with django_assert_num_queries(5):
        response = client.get(URL, {"page_size": 100})
    assert len(response.json()["results"]) == 2 * count
