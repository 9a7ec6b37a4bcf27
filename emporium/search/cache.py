"""Search results cached until the index changes.

Every write of the index (`services.reindex_products`, which every change
goes through) bumps the index version after commit. Results are stored
with the version they were computed at and read back, together with the
current version, in one round trip; an entry of an older version is a miss
and is overwritten. So a result is never staler than the index, and the
browsing queries every visitor repeats (a category's facets, the API list
without text, popular searches) are computed once per change of the
index instead of once per request.

Only ids, totals and facets are cached: the products of a page are loaded
fresh by the caller, with their current prices and stock.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

from emporium.search.backends.base import SearchBackend
from emporium.search.types import SearchQuery, SearchResults

INDEX_VERSION_KEY = "search:index-version"


def index_version() -> str:
    version = cache.get(INDEX_VERSION_KEY)
    if version is None:
        cache.add(INDEX_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(INDEX_VERSION_KEY)
    return version


def bump_index_version() -> None:
    """Make every cached result stale (called after the index changed)."""
    cache.set(INDEX_VERSION_KEY, uuid.uuid4().hex, None)


class CachedSearchBackend:
    """A `SearchBackend` answering repeated queries from the cache."""

    def __init__(self, backend: SearchBackend) -> None:
        self.backend = backend

    def search(self, query: SearchQuery) -> SearchResults:
        digest = hashlib.sha256(repr(query).encode()).hexdigest()
        key = f"search:results:{digest}"
        found = cache.get_many([INDEX_VERSION_KEY, key])
        version = found.get(INDEX_VERSION_KEY) or index_version()
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        results = self.backend.search(query)
        # Stored under the version read BEFORE searching: an index change
        # meanwhile has bumped it, so this entry is already stale.
        cache.set(key, (version, results), settings.SEARCH_RESULT_CACHE_SECONDS)
        return results

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        return self.backend.suggest(prefix, limit)
