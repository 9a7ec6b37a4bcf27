"""A helper of admin actions that move many objects through one service."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from emporium.core.errors import DomainError


def apply_to_each(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    ids: Iterable[Any],
    move: Callable[[Any], object],
    *,
    done: str,
) -> int:
    """Call `move(id)` for each id; a refusal (a `DomainError`) is shown as a
    warning naming why and the others still go ahead. Reports how many
    were done ("3 payment(s) marked received.") and returns that count."""
    count = 0
    for item_id in list(ids):
        try:
            move(item_id)
        except DomainError as exc:
            model_admin.message_user(request, exc.message, messages.WARNING)
        else:
            count += 1
    if count:
        model_admin.message_user(request, f"{count} {done}.")
    return count
