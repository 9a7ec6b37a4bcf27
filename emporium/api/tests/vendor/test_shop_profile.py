"""GET/PATCH /api/v1/vendor/shop/: the vendor's own shop profile."""

import pytest
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory, logo_file

pytestmark = pytest.mark.django_db

URL = "/api/v1/vendor/shop/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_caller_is_401(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.patch(URL, {}).status_code == 401


def test_a_user_who_runs_no_shop_is_403_not_a_vendor():
    response = client_for(UserFactory()).get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_vendor"


def test_owner_reads_the_profile(django_assert_num_queries):
    shop = ShopFactory(name="Owl", social_links={"website": "https://owl.example"})
    client = client_for(shop.owner)

    with django_assert_num_queries(2):  # the member's shop, the membership
        response = client.get(URL)

    body = response.json()
    assert (body["slug"], body["name"], body["status"]) == (
        shop.slug,
        "Owl",
        "approved",
    )
    assert body["is_name_editable"] is False
    assert body["social_links"] == {"website": "https://owl.example"}


def test_staff_member_reads_the_profile_but_may_not_change_it():
    shop = ShopFactory(contact_phone="+1")
    staff = ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user
    client = client_for(staff)

    assert client.get(URL).status_code == 200
    response = client.patch(URL, {"contact_phone": "+2"})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    shop.refresh_from_db()
    assert shop.contact_phone == "+1"


def test_owner_changes_the_fields_sent():
    shop = ShopFactory(contact_phone="+1", returns_policy="30 days")

    response = client_for(shop.owner).patch(
        URL,
        {
            "description": "<p>Hi</p><img src=x onerror=alert(1)>",
            "shipping_policy": "2 days",
            "social_links": {"instagram": "https://instagram.com/owl"},
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "<p>Hi</p>"
    assert body["shipping_policy"] == "2 days"
    assert body["returns_policy"] == "30 days"
    assert body["contact_phone"] == "+1"
    assert body["social_links"] == {"instagram": "https://instagram.com/owl"}


def test_renaming_an_approved_shop_is_409_shop_name_locked():
    shop = ShopFactory(name="Owl", status=ShopStatus.APPROVED)

    response = client_for(shop.owner).patch(URL, {"name": "Eagle"})

    assert response.status_code == 409
    assert response.json()["code"] == "shop_name_locked"


def test_a_pending_shop_may_be_renamed():
    shop = ShopFactory(name="Owl", status=ShopStatus.PENDING)

    response = client_for(shop.owner).patch(URL, {"name": "Eagle"})

    assert response.json()["name"] == "Eagle"


def test_a_bad_social_link_is_400_invalid_shop_profile():
    shop = ShopFactory()

    response = client_for(shop.owner).patch(
        URL, {"social_links": {"website": "javascript:alert(1)"}}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_shop_profile"
    assert "social_links" in response.json()["fields"]


def test_logo_upload_and_removal():
    shop = ShopFactory()
    client = client_for(shop.owner)

    uploaded = client.patch(URL, {"logo": logo_file()}, format="multipart")
    removed = client.patch(URL, {"logo": None})

    assert uploaded.json()["logo"].endswith(".png")
    assert removed.json()["logo"] is None


def test_another_shop_named_is_404():
    mine, theirs = ShopFactory(), ShopFactory()

    get = client_for(mine.owner).get(URL, {"shop": theirs.slug})
    patch = client_for(mine.owner).patch(
        f"{URL}?shop={theirs.slug}", {"contact_phone": "+9"}
    )

    assert get.status_code == 404
    assert patch.status_code == 404
    assert patch.json()["code"] == "shop_not_found"
    theirs.refresh_from_db()
    assert theirs.contact_phone == ""
