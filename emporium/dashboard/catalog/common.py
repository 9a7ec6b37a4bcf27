"""What the catalogue pages share: turning "not the shop's" into a 404,
a service's refusal into form errors, and pages of a list."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from emporium.core.errors import DomainError, InvalidInput, NotFound

T = TypeVar("T")

PAGE_SIZE = 20


def or_404(read: Callable[[], T]) -> T:
    """Run a shop selector; another shop's row (a NotFound) is a 404 page."""
    try:
        return read()
    except NotFound as exc:
        raise Http404(exc.message) from exc


def attempt(form: forms.Form, write: Callable[[], T]) -> T | None:
    """Run a shop service; its refusal becomes errors of `form` (None).

    Fields the error names go on the form's fields of that name (through
    `field_names`, for forms whose names differ from the service's), the
    message on the form itself. A NotFound is a 404 page.
    """
    try:
        return write()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        add_domain_error(form, exc)
        return None


def attempt_or_message(request: HttpRequest, write: Callable[[], T]) -> T | None:
    """Run a shop service for a button without a form: its refusal becomes
    an error message on the next page (None). A NotFound is a 404 page."""
    try:
        return write()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return None


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    names = getattr(form, "field_names", {})
    placed = False
    if isinstance(exc, InvalidInput):
        for name, messages in exc.fields.items():
            field = names.get(name, name)
            if field in form.fields:
                for message in messages:
                    form.add_error(field, message)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


def page_of(request: HttpRequest, rows: QuerySet) -> Page:
    """The page `?page=` asks for (the last one when past it)."""
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
