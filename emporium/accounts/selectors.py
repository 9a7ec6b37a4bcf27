"""Reads of accounts: users and their addresses."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from emporium.accounts import tokens
from emporium.accounts.errors import AddressNotFound
from emporium.accounts.models import Address, User, normalize_email


def find_user_by_email(email: str) -> User | None:
    return User.objects.filter(email=normalize_email(email)).first()


def find_user(user_id) -> User | None:
    try:
        return User.objects.filter(pk=user_id).first()
    except (ValueError, TypeError, ValidationError):  # not a UUID
        return None


def list_addresses(*, user: User) -> QuerySet[Address]:
    return Address.objects.filter(user=user).order_by(
        "-is_default_shipping", "-is_default_billing", "-created_at"
    )


def get_address(*, user: User, address_id) -> Address:
    """The user's address; another user's (or none) raises AddressNotFound."""
    try:
        address = Address.objects.filter(user=user, pk=address_id).first()
    except (ValueError, TypeError):
        address = None
    if address is None:
        raise AddressNotFound("Address not found.")
    return address


def find_user_for_password_reset(*, uid: str, token: str) -> User | None:
    """The user a reset link is for, or None when it is invalid or used up."""
    user = find_user(tokens.decode_reset_uid(uid))
    if user is None or not user.is_active:
        return None
    return user if tokens.check_password_reset_token(user, token) else None
