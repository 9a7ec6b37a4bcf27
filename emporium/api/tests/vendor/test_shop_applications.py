"""POST/GET /api/v1/vendor/shop-applications/ and .../{slug}/resubmit/."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop
from emporium.vendors.services import reject_shop
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory, logo_file

pytestmark = pytest.mark.django_db

URL = "/api/v1/vendor/shop-applications/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_caller_is_401(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.post(URL, {"name": "X"}).json()["code"] == "not_authenticated"


def test_applying_opens_a_pending_shop_and_answers_its_status(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            URL,
            {
                "name": "Owl Books",
                "description": "<p>Books</p><script>x</script>",
                "contact_email": "owl@example.com",
                "accept_commission": True,
            },
        )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["slug"] == "owl-books"
    assert body["description"] == "<p>Books</p>"
    assert body["commission_rate"] == "10.00"
    assert body["commission_accepted_at"] is not None
    assert Shop.objects.get(slug="owl-books").owner == user
    assert [m.subject for m in mail.outbox] == [
        "We received your application for Owl Books"
    ]


def test_applying_with_a_logo_as_multipart():
    response = client_for(UserFactory()).post(
        URL,
        {"name": "Owl", "accept_commission": "true", "logo": logo_file()},
        format="multipart",
    )

    assert response.status_code == 201
    assert response.json()["logo"].endswith("owl.png")


def test_a_bad_logo_is_400_invalid_logo():
    response = client_for(UserFactory()).post(
        URL,
        {"name": "Owl", "accept_commission": "true", "logo": logo_file(fmt="GIF")},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_logo"
    assert "logo" in response.json()["fields"]


def test_without_accepting_the_commission_is_400():
    response = client_for(UserFactory()).post(URL, {"name": "Owl"})

    assert response.status_code == 400
    assert response.json()["code"] == "commission_not_accepted"


def test_an_unverified_email_is_403():
    response = client_for(UserFactory(email_verified_at=None)).post(
        URL, {"name": "Owl", "accept_commission": True}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"


def test_a_second_pending_application_is_409():
    user = UserFactory()
    client = client_for(user)
    client.post(URL, {"name": "First", "accept_commission": True})

    response = client.post(URL, {"name": "Second", "accept_commission": True})

    assert response.status_code == 409
    assert response.json()["code"] == "application_pending"
    assert Shop.objects.filter(owner=user).count() == 1


def test_a_missing_name_is_400_invalid():
    response = client_for(UserFactory()).post(URL, {"accept_commission": True})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "name" in response.json()["fields"]


def test_the_list_shows_only_the_callers_own_shops_with_the_reason(
    django_assert_num_queries,
):
    user = UserFactory()
    mine = ShopFactory(owner=user, status=ShopStatus.PENDING, name="Mine")
    reject_shop(shop_id=mine.pk, actor=None, reason="Add photos")
    ShopFactory(owner=user, status=ShopStatus.APPROVED, name="Other")
    ShopFactory(name="Not mine")
    ShopMemberFactory(user=user)  # staff elsewhere: not an application of theirs
    client = client_for(user)

    with django_assert_num_queries(2):  # count + page
        response = client.get(URL)

    results = response.json()["results"]
    assert {r["name"] for r in results} == {"Mine", "Other"}
    rejected = next(r for r in results if r["name"] == "Mine")
    assert (rejected["status"], rejected["status_reason"]) == ("rejected", "Add photos")


# --- Resubmitting ---------------------------------------------------------------


def test_the_owner_resubmits_a_rejected_application():
    user = UserFactory()
    shop = ShopFactory(owner=user, status=ShopStatus.REJECTED)

    response = client_for(user).post(
        f"{URL}{shop.slug}/resubmit/",
        {"contact_phone": "+49 1", "accept_commission": True},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "pending"
    assert response.json()["contact_phone"] == "+49 1"


def test_resubmitting_a_pending_application_is_409():
    user = UserFactory()
    shop = ShopFactory(owner=user, status=ShopStatus.PENDING)

    response = client_for(user).post(
        f"{URL}{shop.slug}/resubmit/", {"accept_commission": True}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_resubmitting_another_users_application_is_404():
    shop = ShopFactory(status=ShopStatus.REJECTED)

    response = client_for(UserFactory()).post(
        f"{URL}{shop.slug}/resubmit/", {"accept_commission": True}
    )

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"
    shop.refresh_from_db()
    assert shop.status == ShopStatus.REJECTED
