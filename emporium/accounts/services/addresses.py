"""The address book: at most one default shipping and one default billing."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from emporium.accounts.constants import ADDRESS_FIELDS, MAX_ADDRESSES_PER_USER
from emporium.accounts.errors import AddressLimitReached, InvalidAddress
from emporium.accounts.models import Address, User
from emporium.accounts.selectors import get_address


def _clear_other_defaults(address: Address) -> None:
    others = Address.objects.filter(user_id=address.user_id).exclude(pk=address.pk)
    if address.is_default_shipping:
        others.filter(is_default_shipping=True).update(is_default_shipping=False)
    if address.is_default_billing:
        others.filter(is_default_billing=True).update(is_default_billing=False)


def _save(address: Address) -> Address:
    # Unset the previous defaults first: the partial unique constraints
    # allow only one default of each kind per user.
    try:
        address.full_clean(exclude=["user"])
    except ValidationError as exc:
        raise InvalidAddress(
            "Please correct the address.", fields=exc.message_dict
        ) from exc
    _clear_other_defaults(address)
    address.save()
    return address


def _lock_address_book(user: User) -> None:
    # One writer per address book at a time: concurrent creates count
    # correctly, and two concurrent new defaults cannot both pass the
    # one-default constraint check.
    User.objects.select_for_update().filter(pk=user.pk).first()


def create_address(*, user: User, data: dict[str, Any]) -> Address:
    """Add an address; the first one becomes the default for both uses.

    Locks the user's address book until the transaction ends.

    Raises:
        AddressLimitReached: the user already has MAX_ADDRESSES_PER_USER.
        InvalidAddress: the address does not validate (unknown country...).
    """
    with transaction.atomic():
        _lock_address_book(user)
        count = Address.objects.filter(user=user).count()
        if count >= MAX_ADDRESSES_PER_USER:
            raise AddressLimitReached(
                f"An address book holds at most {MAX_ADDRESSES_PER_USER} addresses."
            )
        address = Address(user=user, **_only_fields(data))
        if count == 0:
            address.is_default_shipping = True
            address.is_default_billing = True
        return _save(address)


def update_address(*, user: User, address_id, data: dict[str, Any]) -> Address:
    """Change the user's address; locks the address book until commit.

    Raises:
        AddressNotFound: the address is not the user's.
        InvalidAddress: the changed address does not validate.
    """
    with transaction.atomic():
        _lock_address_book(user)
        address = get_address(user=user, address_id=address_id)
        for field, value in _only_fields(data).items():
            setattr(address, field, value)
        return _save(address)


def delete_address(*, user: User, address_id) -> None:
    """Delete the user's address; a deleted default passes to the newest one.

    Locks the address book until commit. Raises AddressNotFound for others'.
    """
    with transaction.atomic():
        _lock_address_book(user)
        address = get_address(user=user, address_id=address_id)
        was_shipping = address.is_default_shipping
        was_billing = address.is_default_billing
        address.delete()
        successor = Address.objects.filter(user=user).order_by("-created_at").first()
        if successor and (was_shipping or was_billing):
            successor.is_default_shipping |= was_shipping
            successor.is_default_billing |= was_billing
            successor.save(update_fields=["is_default_shipping", "is_default_billing"])


def _only_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key in ADDRESS_FIELDS}
