"""The reviews API: reading, writing one's own review, staff moderation."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.reviews.constants import ReviewStatus
from emporium.reviews.models import Review
from emporium.reviews.services import hide_review
from emporium.reviews.tests.conftest import client_for
from emporium.reviews.tests.factories import buy, review
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _product_url(product) -> str:
    return f"/api/v1/products/{product.slug}/reviews/"


def _shop_url(shop) -> str:
    return f"/api/v1/shops/{shop.slug}/reviews/"


def _detail_url(written) -> str:
    return f"/api/v1/reviews/{written.pk}/"


# --- Reading ------------------------------------------------------------------


def test_anyone_reads_the_published_reviews_newest_first(api_client, product):
    older = review(product=product, rating=4, title="Older")
    newer = review(product=product, rating=2, title="Newer", body="<b>bold</b>")
    hidden = review(product=product, rating=1, title="Hidden")
    hide_review(review_id=hidden.pk, actor=None)

    response = api_client.get(_product_url(product))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [r["id"] for r in body["results"]] == [newer.pk, older.pk]
    first = body["results"][0]
    assert set(first) == {
        "id",
        "rating",
        "title",
        "body",
        "author_name",
        "is_verified_purchase",
        "created_at",
        "updated_at",
    }
    assert first["body"] == "<b>bold</b>"  # plain text: clients escape it


def test_reviews_of_an_unknown_product_are_404(api_client):
    response = api_client.get("/api/v1/products/no-such-thing/reviews/")

    assert response.status_code == 404
    assert response.json()["code"] == "product_not_found"


def test_anyone_reads_a_shops_reviews(api_client, product):
    review(shop=product.shop, rating=5, body="Fast.")

    body = api_client.get(_shop_url(product.shop)).json()

    assert [r["body"] for r in body["results"]] == ["Fast."]


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_query_count_does_not_grow_with_reviews(
    api_client, product, django_assert_num_queries, count
):
    for _ in range(count):
        review(product=product)

    # The product, the count, the page with authors.
    with django_assert_num_queries(3):
        response = api_client.get(_product_url(product), {"page_size": 100})
    assert len(response.json()["results"]) == count


# --- Writing ------------------------------------------------------------------


def test_anonymous_callers_cannot_write(api_client, product):
    response = api_client.post(_product_url(product), {"rating": 5})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert not Review.objects.exists()


def test_a_buyer_reviews_a_product_with_the_badge(buyer, product):
    buy(buyer, product)

    response = client_for(buyer).post(
        _product_url(product), {"rating": 5, "title": "Great", "body": "Loved it."}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "published"
    assert body["is_verified_purchase"] is True
    assert (body["product"], body["shop"]) == (product.slug, None)
    assert body["author_name"] == "Ada L."


def test_a_shop_review(buyer, product):
    response = client_for(buyer).post(_shop_url(product.shop), {"rating": 3})

    assert response.status_code == 201
    assert response.json()["shop"] == product.shop.slug


def test_a_second_review_is_409_review_exists(buyer, product):
    client = client_for(buyer)
    first = client.post(_product_url(product), {"rating": 4}).json()

    response = client.post(_product_url(product), {"rating": 1})

    assert response.status_code == 409
    assert response.json()["code"] == "review_exists"
    assert str(first["id"]) in response.json()["detail"]
    assert Review.objects.get().rating == 4


@pytest.mark.parametrize("rating", [0, 6, "five", None])
def test_a_rating_outside_one_to_five_is_400(buyer, product, rating):
    response = client_for(buyer).post(_product_url(product), {"rating": rating})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "rating" in response.json()["fields"]


def test_a_review_of_a_suspended_shop_is_404(buyer):
    shop = ShopFactory(status="suspended")

    response = client_for(buyer).post(_shop_url(shop), {"rating": 3})

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"


def test_the_author_reads_edits_and_deletes_their_review(buyer, product):
    written = review(product=product, author=buyer, rating=2)
    client = client_for(buyer)

    read = client.get(_detail_url(written))
    edited = client.patch(_detail_url(written), {"rating": 4, "title": "Better"})
    deleted = client.delete(_detail_url(written))

    assert read.json()["status"] == "published"
    assert (edited.json()["rating"], edited.json()["title"]) == (4, "Better")
    assert deleted.status_code == 204
    assert not Review.objects.exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_users_review_is_404(buyer, other, product, method):
    written = review(product=product, author=buyer, rating=2)

    response = getattr(client_for(other), method)(_detail_url(written), {"rating": 5})

    assert response.status_code == 404
    assert response.json()["code"] == "review_not_found"
    assert Review.objects.get().rating == 2


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_anonymous_edits_and_deletes_are_401(api_client, product, method):
    written = review(product=product)

    response = getattr(api_client, method)(_detail_url(written), {"rating": 1})

    assert response.status_code == 401


# --- Staff moderation ---------------------------------------------------------


@pytest.mark.parametrize("action", ["hide", "publish"])
def test_moderation_is_401_for_anonymous_and_403_for_other_users(
    api_client, buyer, product, action
):
    written = review(product=product, author=buyer)
    url = f"/api/v1/staff/reviews/{written.pk}/{action}/"

    anonymous = api_client.post(url)
    author = client_for(buyer).post(url)

    assert anonymous.status_code == 401
    assert author.status_code == 403
    assert author.json()["code"] == "permission_denied"
    assert Review.objects.get().status == ReviewStatus.PUBLISHED


def test_staff_hide_then_publish_a_review(product):
    written = review(product=product)
    staff = client_for(UserFactory(is_staff=True))

    hidden = staff.post(
        f"/api/v1/staff/reviews/{written.pk}/hide/", {"reason": "Insults"}
    )
    again = staff.post(f"/api/v1/staff/reviews/{written.pk}/hide/")
    shown = staff.post(f"/api/v1/staff/reviews/{written.pk}/publish/")

    assert hidden.status_code == 200
    assert hidden.json()["status"] == "hidden"
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"
    assert shown.json()["status"] == "published"
    assert written.status_events.first().reason == "Insults"


def test_moderating_an_unknown_review_is_404(product):
    staff = client_for(UserFactory(is_staff=True))

    response = staff.post("/api/v1/staff/reviews/999999/hide/")

    assert response.status_code == 404
    assert response.json()["code"] == "review_not_found"


def test_staff_list_the_pending_reviews(settings, product):
    settings.REVIEWS_PUBLISH_IMMEDIATELY = False
    waiting = review(product=product)
    settings.REVIEWS_PUBLISH_IMMEDIATELY = True
    review(product=product)
    staff = client_for(UserFactory(is_staff=True))

    body = staff.get("/api/v1/staff/reviews/", {"status": "pending"}).json()

    assert [r["id"] for r in body["results"]] == [waiting.pk]
    assert body["results"][0]["author_email"] == waiting.author.email


def test_the_staff_list_is_staff_only(api_client, buyer):
    assert api_client.get("/api/v1/staff/reviews/").status_code == 401
    assert client_for(buyer).get("/api/v1/staff/reviews/").status_code == 403
