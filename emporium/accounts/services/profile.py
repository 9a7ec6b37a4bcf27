"""Profile changes."""

from django.db import transaction

from emporium.accounts.models import User

EDITABLE_FIELDS = ("first_name", "last_name", "phone")


def update_profile(*, user: User, **changes: str) -> User:
    """Update the editable profile fields given; ignores unknown keys' absence.

    Email changes are not made here (they need re-verification).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        for field, value in changes.items():
            setattr(user, field, value.strip())
        if changes:
            user.save(update_fields=list(changes))
    return user
