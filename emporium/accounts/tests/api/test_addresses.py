"""The address book: /api/v1/me/addresses/ and /api/v1/me/addresses/{id}/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emporium.accounts.constants import MAX_ADDRESSES_PER_USER
from emporium.accounts.models import Address
from emporium.accounts.tests.factories import AddressFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESSES = "/api/v1/me/addresses/"


def detail(address_id) -> str:
    return f"{ADDRESSES}{address_id}/"


def address_payload(**changes) -> dict:
    return {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "line1": "12 St James's Square",
        "city": "London",
        "postal_code": "SW1Y 4JH",
        "country": "GB",
        **changes,
    }


def test_addresses_without_credentials_are_401(api_client):
    response = api_client.get(ADDRESSES)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_create_first_address_becomes_default_for_shipping_and_billing(
    user_client, user
):
    response = user_client.post(ADDRESSES, address_payload())

    assert response.status_code == 201
    body = response.json()
    assert body["country"] == "GB"
    assert body["is_default_shipping"] is True
    assert body["is_default_billing"] is True
    assert Address.objects.get(pk=body["id"]).user == user


def test_create_second_address_leaves_the_default_alone(user_client, user):
    first = user_client.post(ADDRESSES, address_payload()).json()

    second = user_client.post(ADDRESSES, address_payload(city="Paris", country="FR"))

    assert second.status_code == 201
    assert second.json()["is_default_shipping"] is False
    assert Address.objects.get(pk=first["id"]).is_default_shipping


def test_create_as_default_unsets_the_old_default(user_client, user):
    old = AddressFactory(user=user, is_default_shipping=True, is_default_billing=True)

    response = user_client.post(ADDRESSES, address_payload(is_default_shipping=True))

    assert response.json()["is_default_shipping"] is True
    old.refresh_from_db()
    assert (old.is_default_shipping, old.is_default_billing) == (False, True)


def test_patch_to_default_unsets_the_old_default(user_client, user):
    old = AddressFactory(user=user, is_default_shipping=True, is_default_billing=True)
    new = AddressFactory(user=user)

    response = user_client.patch(
        detail(new.pk), {"is_default_shipping": True, "is_default_billing": True}
    )

    assert response.status_code == 200
    old.refresh_from_db()
    new.refresh_from_db()
    assert (new.is_default_shipping, new.is_default_billing) == (True, True)
    assert (old.is_default_shipping, old.is_default_billing) == (False, False)


def test_list_shows_only_own_addresses_defaults_first(user_client, user):
    AddressFactory(user=user, city="Berlin")
    default = AddressFactory(user=user, city="Hamburg", is_default_shipping=True)
    AddressFactory(city="Elsewhere")

    response = user_client.get(ADDRESSES)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["results"][0]["id"] == default.pk
    assert {a["city"] for a in body["results"]} == {"Berlin", "Hamburg"}


def test_list_is_paginated(user_client, user):
    AddressFactory.create_batch(3, user=user)

    body = user_client.get(ADDRESSES, {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


def test_list_query_count_does_not_grow_with_the_addresses(user_client, user):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert user_client.get(ADDRESSES).status_code == 200
        return len(queries)

    AddressFactory(user=user)
    with_one = queries_for_list()
    AddressFactory.create_batch(14, user=user)

    assert queries_for_list() == with_one


@pytest.mark.parametrize("count", [1, 15])
def test_list_needs_at_most_three_queries(
    user_client, user, count, django_assert_max_num_queries
):
    AddressFactory.create_batch(count, user=user)

    # the user (from the token), the page count, the page
    with django_assert_max_num_queries(3):
        response = user_client.get(ADDRESSES)

    assert len(response.json()["results"]) == count


def test_get_address(user_client, user):
    address = AddressFactory(user=user, city="Leipzig")

    response = user_client.get(detail(address.pk))

    assert response.status_code == 200
    assert response.json()["city"] == "Leipzig"
    assert response.json()["country"] == "DE"


def test_patch_address_changes_only_the_fields_given(user_client, user):
    address = AddressFactory(user=user, city="Leipzig", line1="Markt 1")

    response = user_client.patch(detail(address.pk), {"city": "Dresden"})

    assert response.status_code == 200
    address.refresh_from_db()
    assert (address.city, address.line1) == ("Dresden", "Markt 1")


def test_delete_address(user_client, user):
    address = AddressFactory(user=user)

    response = user_client.delete(detail(address.pk))

    assert response.status_code == 204
    assert not Address.objects.filter(pk=address.pk).exists()


def test_deleting_the_default_passes_it_to_the_remaining_address(user_client, user):
    default = user_client.post(ADDRESSES, address_payload()).json()
    other = user_client.post(ADDRESSES, address_payload(city="Paris")).json()

    user_client.delete(detail(default["id"]))

    remaining = user_client.get(detail(other["id"])).json()
    assert remaining["is_default_shipping"] is True
    assert remaining["is_default_billing"] is True


@pytest.mark.parametrize(
    ("method", "payload"),
    [("get", None), ("patch", {"city": "Stolen"}), ("delete", None)],
)
def test_another_users_address_is_404_address_not_found(user_client, method, payload):
    theirs = AddressFactory(user=UserFactory(), city="Theirs")

    response = getattr(user_client, method)(detail(theirs.pk), payload)

    assert response.status_code == 404
    assert response.json()["code"] == "address_not_found"
    theirs.refresh_from_db()
    assert theirs.city == "Theirs"


@pytest.mark.parametrize("address_id", ["999999", "99999999999999999999999999"])
def test_unknown_address_is_404_address_not_found(user_client, address_id):
    response = user_client.get(detail(address_id))

    assert response.status_code == 404
    assert response.json()["code"] == "address_not_found"


@pytest.mark.parametrize("address_id", ["abc", "1.5", "-1", "%00"])
def test_address_id_that_is_not_a_number_is_404_not_found(user_client, address_id):
    response = user_client.get(detail(address_id))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "country", ["XX", "de", "Germany", "DEU", "", None, 49, ["DE"]]
)
def test_create_with_a_bad_country_is_400_naming_country(user_client, country):
    response = user_client.post(ADDRESSES, address_payload(country=country))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"country"}
    assert not Address.objects.exists()


def test_create_without_required_fields_names_them(user_client):
    response = user_client.post(ADDRESSES, {"company": "ACME"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {
        "first_name",
        "last_name",
        "line1",
        "city",
        "country",
    }


@pytest.mark.parametrize(
    "changes",
    [{"city": None}, {"line1": "x" * 256}, {"postal_code": "1" * 21}, {"city": ""}],
)
def test_patch_with_bad_values_is_400_and_changes_nothing(user_client, user, changes):
    address = AddressFactory(user=user, city="Leipzig")

    response = user_client.patch(detail(address.pk), changes)

    assert response.status_code == 400
    assert set(response.json()["fields"]) == set(changes)
    address.refresh_from_db()
    assert address.city == "Leipzig"


def test_create_past_the_limit_is_409_address_limit_reached(user_client, user):
    AddressFactory.create_batch(MAX_ADDRESSES_PER_USER, user=user)

    response = user_client.post(ADDRESSES, address_payload())

    assert response.status_code == 409
    assert response.json()["code"] == "address_limit_reached"
    assert Address.objects.filter(user=user).count() == MAX_ADDRESSES_PER_USER
