"""Helpers the taxonomy services share: slugs and locked rows."""

from typing import Any

from django.db import models
from django.utils.text import slugify

from emporium.catalog.errors import SlugTaken
from emporium.core.errors import InvalidInput, NotFound

SLUG_LENGTH = 140


def free_slug(model: type[models.Model], text: str, *, exclude_pk=None) -> str:
    """`text` slugified, numbered when another row of `model` has it."""
    base = slugify(text)[:SLUG_LENGTH] or model._meta.model_name
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    names = set(taken.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in names:
        n += 1
        slug = f"{base}-{n}"
    return slug


def checked_slug(model: type[models.Model], slug: str, *, exclude_pk=None) -> str:
    """The slug given, normalised; refused when empty or taken."""
    slug = slugify(slug)[:SLUG_LENGTH]
    if not slug:
        raise InvalidInput(
            "Enter a slug of letters, numbers, hyphens or underscores.",
            code="invalid_slug",
            fields={"slug": ["Enter a valid slug."]},
        )
    if model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        raise SlugTaken(
            f"Another {model._meta.verbose_name} already uses the slug {slug!r}.",
            extra={"slug": slug},
        )
    return slug


def locked_row(model: type[models.Model], pk: int, error: type[NotFound]) -> Any:
    row = model.objects.select_for_update().filter(pk=pk).first()
    if row is None:
        name = model._meta.verbose_name.capitalize()
        raise error(f"{name} not found.", extra={"id": pk})
    return row
