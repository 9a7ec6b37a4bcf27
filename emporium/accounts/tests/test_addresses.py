"""The address book and profile (services)."""

import contextlib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from emporium.accounts.errors import (
    AddressLimitReached,
    AddressNotFound,
    InvalidAddress,
)
from emporium.accounts.models import Address
from emporium.accounts.selectors import get_address
from emporium.accounts.services import (
    addresses,
    create_address,
    delete_address,
    update_address,
    update_profile,
)
from emporium.accounts.tests.factories import AddressFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**changes) -> dict:
    return {
        "first_name": "Ann",
        "last_name": "Lee",
        "line1": "Hauptstrasse 1",
        "city": "Berlin",
        "postal_code": "10115",
        "country": "DE",
        **changes,
    }


def _defaults(user) -> tuple[list[int], list[int]]:
    """(ids of default shipping addresses, ids of default billing addresses)."""
    addresses = Address.objects.filter(user=user)
    return (
        list(addresses.filter(is_default_shipping=True).values_list("pk", flat=True)),
        list(addresses.filter(is_default_billing=True).values_list("pk", flat=True)),
    )


@pytest.fixture
def book(user) -> list[Address]:
    """Three addresses of `user`, oldest first; the oldest is both defaults."""
    now = timezone.now()
    addresses = [create_address(user=user, data=_data(city=c)) for c in "ABC"]
    for age, address in zip((3, 2, 1), addresses, strict=True):
        Address.objects.filter(pk=address.pk).update(
            created_at=now - timedelta(days=age)
        )
    return addresses


# --- create_address -----------------------------------------------------------


def test_first_address_becomes_default_shipping_and_billing(user):
    address = create_address(user=user, data=_data())

    assert address.is_default_shipping is True
    assert address.is_default_billing is True


def test_later_addresses_do_not_take_the_defaults(user):
    first = create_address(user=user, data=_data())

    second = create_address(user=user, data=_data(city="Hamburg"))

    assert second.is_default_shipping is False
    assert second.is_default_billing is False
    assert _defaults(user) == ([first.pk], [first.pk])


def test_new_default_shipping_address_unsets_the_previous_one(user):
    first = create_address(user=user, data=_data())

    second = create_address(
        user=user, data=_data(city="Hamburg", is_default_shipping=True)
    )

    assert _defaults(user) == ([second.pk], [first.pk])


def test_create_address_ignores_fields_outside_the_address(user):
    other = UserFactory(email="bob@example.com")

    address = create_address(user=user, data=_data(user=other, id=999, pk=999))

    assert address.user == user
    assert address.pk != 999


def test_create_address_with_an_unknown_country_raises_invalid_address(user):
    with pytest.raises(InvalidAddress) as excinfo:
        create_address(user=user, data=_data(country="XX"))

    assert excinfo.value.code == "invalid_address"
    assert list(excinfo.value.fields) == ["country"]
    assert not Address.objects.exists()


def test_create_address_without_required_fields_names_them(user):
    with pytest.raises(InvalidAddress) as excinfo:
        create_address(user=user, data=_data(line1="", city=""))

    assert set(excinfo.value.fields) == {"line1", "city"}


def test_create_address_beyond_the_limit_raises_address_limit_reached(user):
    AddressFactory.create_batch(50, user=user)

    with pytest.raises(AddressLimitReached) as excinfo:
        create_address(user=user, data=_data())

    assert excinfo.value.code == "address_limit_reached"
    assert excinfo.value.status_code == 409
    assert Address.objects.filter(user=user).count() == 50


# --- update_address -----------------------------------------------------------


def test_making_another_address_default_billing_unsets_the_previous_one(user, book):
    oldest, middle, _ = book

    update_address(user=user, address_id=middle.pk, data={"is_default_billing": True})

    assert _defaults(user) == ([oldest.pk], [middle.pk])


def test_update_address_changes_the_given_fields_only(user, book):
    oldest = book[0]

    updated = update_address(
        user=user, address_id=oldest.pk, data={"city": "Munich", "user": None}
    )

    oldest.refresh_from_db()
    assert updated.city == oldest.city == "Munich"
    assert oldest.line1 == "Hauptstrasse 1"
    assert oldest.user == user


def test_update_address_with_an_unknown_country_raises_invalid_address(user, book):
    with pytest.raises(InvalidAddress) as excinfo:
        update_address(user=user, address_id=book[0].pk, data={"country": "ZZ"})

    assert list(excinfo.value.fields) == ["country"]
    book[0].refresh_from_db()
    assert book[0].country == "DE"


# --- delete_address -----------------------------------------------------------


def test_deleting_the_default_hands_it_to_the_newest_remaining_address(user, book):
    oldest, _, newest = book

    delete_address(user=user, address_id=oldest.pk)

    assert _defaults(user) == ([newest.pk], [newest.pk])


def test_deleting_a_default_keeps_the_other_default_where_it_is(user, book):
    oldest, middle, newest = book
    update_address(user=user, address_id=middle.pk, data={"is_default_billing": True})

    delete_address(user=user, address_id=oldest.pk)

    assert _defaults(user) == ([newest.pk], [middle.pk])


def test_deleting_a_non_default_address_leaves_the_defaults(user, book):
    oldest, middle, _ = book

    delete_address(user=user, address_id=middle.pk)

    assert _defaults(user) == ([oldest.pk], [oldest.pk])
    assert Address.objects.filter(user=user).count() == 2


def test_deleting_the_last_address_leaves_an_empty_book(user):
    address = create_address(user=user, data=_data())

    delete_address(user=user, address_id=address.pk)

    assert not Address.objects.filter(user=user).exists()


# --- another user's address ---------------------------------------------------


@pytest.fixture
def others_address(db) -> Address:
    return AddressFactory(user=UserFactory(email="bob@example.com"))


def test_get_address_of_another_user_raises_address_not_found(user, others_address):
    with pytest.raises(AddressNotFound) as excinfo:
        get_address(user=user, address_id=others_address.pk)

    assert excinfo.value.code == "address_not_found"
    assert excinfo.value.status_code == 404


@pytest.mark.parametrize("address_id", [123456, "abc", None])
def test_get_address_with_an_unknown_id_raises_address_not_found(user, address_id):
    with pytest.raises(AddressNotFound):
        get_address(user=user, address_id=address_id)


def test_update_address_of_another_user_raises_address_not_found(user, others_address):
    with pytest.raises(AddressNotFound):
        update_address(user=user, address_id=others_address.pk, data={"city": "X"})

    others_address.refresh_from_db()
    assert others_address.city != "X"


def test_delete_address_of_another_user_raises_address_not_found(user, others_address):
    with pytest.raises(AddressNotFound):
        delete_address(user=user, address_id=others_address.pk)

    assert Address.objects.filter(pk=others_address.pk).exists()


# --- the database guards the defaults -----------------------------------------


@pytest.mark.parametrize("kind", ["is_default_shipping", "is_default_billing"])
def test_database_refuses_two_defaults_of_one_kind_for_a_user(user, kind):
    AddressFactory(user=user, **{kind: True})

    with pytest.raises(IntegrityError), transaction.atomic():
        AddressFactory(user=user, **{kind: True})


def test_database_allows_defaults_for_different_users(user):
    AddressFactory(user=user, is_default_shipping=True, is_default_billing=True)

    AddressFactory(
        user=UserFactory(email="bob@example.com"),
        is_default_shipping=True,
        is_default_billing=True,
    )

    assert Address.objects.filter(is_default_shipping=True).count() == 2


# --- update_profile -----------------------------------------------------------


def test_update_profile_changes_the_names_trimmed(user):
    update_profile(user=user, first_name="  Annie ", last_name="Lee-Smith")

    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Annie", "Lee-Smith")


def test_update_profile_refuses_fields_that_are_not_editable(user):
    with pytest.raises(TypeError, match="not editable: \\['email', 'is_staff'\\]"):
        update_profile(user=user, first_name="Eve", email="eve@x.com", is_staff="1")

    user.refresh_from_db()
    assert user.email == "ann@example.com"
    assert user.first_name != "Eve"
    assert user.is_staff is False


# --- concurrent changes (PostgreSQL) --------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_new_defaults_leave_exactly_one_default():
    """Two tabs each make a different address the default at the same moment."""
    user = UserFactory(email="ann@example.com")
    first, second = AddressFactory.create_batch(2, user=user)
    both_cleared = threading.Barrier(2)
    clear_other_defaults = addresses._clear_other_defaults

    def clear_then_wait_for_the_other(address):
        clear_other_defaults(address)
        # Without a lock both now save; with one, the other is still waiting.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_cleared.wait(timeout=1)

    errors = []

    def make_default(address):
        try:
            update_address(
                user=user, address_id=address.pk, data={"is_default_shipping": True}
            )
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(
        addresses, "_clear_other_defaults", clear_then_wait_for_the_other
    ):
        threads = [
            threading.Thread(target=make_default, args=(a,)) for a in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert len(_defaults(user)[0]) == 1
