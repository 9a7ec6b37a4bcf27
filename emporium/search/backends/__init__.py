"""Search backends: one interface (`SearchBackend`), one module per engine.

`get_backend()` returns the backend the `SEARCH_BACKEND` setting names (a
dotted path to a class; empty means "the one for the database in use"),
behind the result cache of `search.cache`.
"""

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from emporium.search.backends.base import SearchBackend
from emporium.search.constants import BACKENDS_BY_VENDOR

__all__ = ["SearchBackend", "get_backend"]


def get_backend(*, cached: bool = True) -> SearchBackend:
    """The configured backend; behind the result cache (`search.cache`)
    unless `cached` is false or `SEARCH_RESULT_CACHE_SECONDS` is 0."""
    path = getattr(settings, "SEARCH_BACKEND", "") or BACKENDS_BY_VENDOR.get(
        connection.vendor, BACKENDS_BY_VENDOR["sqlite"]
    )
    backend = _load(path)
    if cached and settings.SEARCH_RESULT_CACHE_SECONDS > 0:
        from emporium.search.cache import CachedSearchBackend

        return CachedSearchBackend(backend)
    return backend


@cache
def _load(path: str) -> SearchBackend:
    return import_string(path)()
