"""/api/v1/vendor/branches/ (the vendor's branches) and the public
GET /api/v1/shops/{slug}/branches/?near=lat,lon."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.models import ShopBranch
from emporium.vendors.tests.factories import (
    ShopBranchFactory,
    ShopFactory,
    ShopMemberFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/vendor/branches/"
BODY = {
    "name": "Mitte",
    "line1": "Hauptstr. 1",
    "postal_code": "10115",
    "city": "Berlin",
    "country": "DE",
    "latitude": 52.520008,
    "longitude": 13.404954,
    "opening_hours": {"mon": [["09:00", "18:00"]], "sat": [["10:00", "14:00"]]},
}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def owner_client(shop):
    return client_for(shop.owner)


def test_anonymous_caller_is_401(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.post(URL, BODY).status_code == 401
    assert api_client.patch(f"{URL}1/", {}).status_code == 401
    assert api_client.delete(f"{URL}1/").status_code == 401


def test_create_branch(shop, owner_client):
    response = owner_client.post(URL, BODY)

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Mitte"
    assert body["country"] == "DE"
    assert (body["latitude"], body["longitude"]) == (52.520008, 13.404954)
    assert body["opening_hours"] == BODY["opening_hours"]
    assert ShopBranch.objects.get().shop == shop


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"latitude": 91}, "latitude"),
        ({"longitude": -180.5}, "longitude"),
        ({"country": "ZZ"}, "country"),
        ({"opening_hours": {"mon": [["18:00", "09:00"]]}}, "opening_hours"),
        ({"opening_hours": {"someday": []}}, "opening_hours"),
    ],
)
def test_create_refuses_bad_values_with_invalid_branch(owner_client, change, field):
    response = owner_client.post(URL, {**BODY, **change})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_branch"
    assert field in response.json()["fields"]


def test_staff_members_manage_branches_too(shop):
    staff = ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user

    response = client_for(staff).post(URL, BODY)

    assert response.status_code == 201


def test_list_shows_own_branches_in_bounded_queries(
    shop, owner_client, django_assert_num_queries
):
    for _ in range(5):
        ShopBranchFactory(shop=shop)
    ShopBranchFactory()  # another shop's

    with django_assert_num_queries(4):  # shop, membership, count, page
        response = owner_client.get(URL)

    assert response.json()["count"] == 5


def test_detail_update_and_delete(shop, owner_client):
    branch = ShopBranchFactory(shop=shop, city="Berlin")

    assert owner_client.get(f"{URL}{branch.pk}/").json()["city"] == "Berlin"
    patched = owner_client.patch(f"{URL}{branch.pk}/", {"city": "Potsdam"})
    deleted = owner_client.delete(f"{URL}{branch.pk}/")

    assert patched.json()["city"] == "Potsdam"
    assert deleted.status_code == 204
    assert not ShopBranch.objects.exists()


def test_another_shops_branch_is_404_for_detail_update_and_delete(owner_client):
    theirs = ShopBranchFactory(city="Berlin")
    url = f"{URL}{theirs.pk}/"

    responses = [
        owner_client.get(url),
        owner_client.patch(url, {"city": "Hacked"}),
        owner_client.delete(url),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert {r.json()["code"] for r in responses} == {"branch_not_found"}
    theirs.refresh_from_db()
    assert theirs.city == "Berlin"


def test_another_shop_named_by_slug_is_404(owner_client):
    theirs = ShopBranchFactory()

    response = owner_client.get(URL, {"shop": theirs.shop.slug})

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"


def test_a_user_who_runs_no_shop_is_403():
    response = client_for(UserFactory()).get(URL)

    assert response.json()["code"] == "not_a_vendor"


# --- Public ---------------------------------------------------------------------

BERLIN = (Decimal("52.520008"), Decimal("13.404954"))
PARIS = (Decimal("48.856613"), Decimal("2.352222"))
MUNICH = (Decimal("48.137154"), Decimal("11.576124"))


@pytest.fixture
def public_shop():
    shop = ShopFactory(slug="owl")
    for name, (lat, lon) in {
        "Paris": PARIS,
        "Berlin": BERLIN,
        "Munich": MUNICH,
    }.items():
        ShopBranchFactory(shop=shop, name=name, latitude=lat, longitude=lon)
    return shop


def test_public_branches_by_name_without_near(
    api_client, public_shop, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the shop, its branches
        response = api_client.get("/api/v1/shops/owl/branches/")

    results = response.json()["results"]
    assert [r["name"] for r in results] == ["Berlin", "Munich", "Paris"]
    assert {r["distance_km"] for r in results} == {None}


def test_public_branches_nearest_first_with_distance(api_client, public_shop):
    response = api_client.get("/api/v1/shops/owl/branches/", {"near": "48.2,11.6"})

    results = response.json()["results"]
    assert [r["name"] for r in results] == ["Munich", "Berlin", "Paris"]
    assert results[0]["distance_km"] == pytest.approx(7.2, abs=0.2)
    assert results[1]["distance_km"] == pytest.approx(497.1, abs=0.2)
    assert results[0]["opening_hours"]["mon"] == [["09:00", "18:00"]]


@pytest.mark.parametrize(
    "near", ["", "52.5", "52.5,13.4,1", "north,east", "91,0", "0,181", "nan,1", "inf,0"]
)
def test_public_branches_refuse_a_bad_near(api_client, public_shop, near):
    response = api_client.get("/api/v1/shops/owl/branches/", {"near": near})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_near"


@pytest.mark.parametrize(
    "status", [ShopStatus.PENDING, ShopStatus.REJECTED, ShopStatus.SUSPENDED]
)
def test_public_branches_of_a_shop_buyers_cannot_see_are_404(api_client, status):
    ShopBranchFactory(shop=ShopFactory(slug="hidden", status=status))

    response = api_client.get("/api/v1/shops/hidden/branches/")

    assert response.status_code == 404
    assert response.json()["code"] == "shop_not_found"


def test_public_branches_of_an_unknown_shop_are_404(api_client):
    assert api_client.get("/api/v1/shops/nope/branches/").status_code == 404


def test_public_branches_ignore_credentials(api_client, public_shop):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer expired-or-bogus")

    assert api_client.get("/api/v1/shops/owl/branches/").status_code == 200
