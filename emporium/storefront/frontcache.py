"""Front cache: serve cached anonymous pages before Django's middleware runs.

`wsgi.py` wraps the Django application in `FrontCache` in production. For a
GET or HEAD without a session cookie it reads, in ONE round trip (MGET),
the catalog version and the page's entry (stored with the version it was
rendered at); when the versions match it answers from the stored status,
headers and body without entering Django: no middleware, URL resolving or
view, which is most of the cost of a cached page. The catalog version is
the page cache's (`cache.catalog_version`), so invalidation is the same;
an entry of an older version is overwritten by the next render.

On a miss the request goes through Django; a response the page cache
marked cacheable (`X-Page-Cache`), with status 200 and no cookie set, is
stored whole, final headers included (security headers, Vary), so a hit
replays what Django answered; the body is kept gzipped and sent so to the
clients that accept it. Each hit gets its own `X-Request-ID` (a sane
incoming one is kept), as every response does.
"""

import gzip
import logging
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest

from emporium.storefront.cache import (
    FRONT_CACHE_ENVIRON_KEY,
    PAGE_TIMEOUT,
    VERSION_KEY,
    catalog_version,
    is_cacheable,
    page_identity,
)

logger = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
# Part of every key: a deploy that changes what an entry holds bumps it, so
# new code never reads an entry written by old code.
ENTRY_FORMAT = "v2"
# Headers never stored: per request, per visitor, or set when replayed.
_UNSTORED = frozenset({"x-request-id", "set-cookie", "content-length"})
# As Django's GZipMiddleware reads Accept-Encoding.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")

StartResponse = Callable[..., Any]
Headers = list[tuple[str, str]]


class FrontCache:
    """WSGI middleware around the Django application (see module doc)."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable:
        request = WSGIRequest(environ)
        if not is_cacheable(request):
            return self.application(environ, start_response)
        key = f"storefront:front:{ENTRY_FORMAT}:{page_identity(request)}"
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or catalog_version()
        except Exception:
            # The cache is an optimisation: when it is down, serve through
            # Django (which degrades the same way) rather than fail.
            logger.exception("front cache lookup failed")
            return self.application(environ, start_response)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            return self._replay(environ, cached[1:], start_response)
        environ[FRONT_CACHE_ENVIRON_KEY] = True
        return self._pass_through(environ, (key, version), start_response)

    def _replay(
        self, environ: dict, cached: tuple, start_response: StartResponse
    ) -> Iterable:
        status, headers, compressed = cached
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = (
            incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        )
        if _ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")):
            body, encoding = compressed, [("Content-Encoding", "gzip")]
        else:
            body, encoding = gzip.decompress(compressed), []
        start_response(
            status,
            [
                *headers,
                *encoding,
                ("Content-Length", str(len(body))),
                (REQUEST_ID_HEADER, request_id),
            ],
        )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _pass_through(
        self, environ: dict, entry: tuple[str, str], start_response: StartResponse
    ) -> Iterable:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        if _storable(environ, captured):
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
            self._store(entry, captured, body)
            return [body]
        return result

    @staticmethod
    def _store(entry: tuple[str, str], captured: dict, body: bytes) -> None:
        # Stored with the version read BEFORE rendering: a change committed
        # meanwhile has bumped the version, so this entry is already stale.
        key, version = entry
        headers = [_stored_header(name, value) for name, value in captured["headers"]]
        headers = [header for header in headers if header is not None]
        # Gzipped once here; replayed as is to the clients that accept it
        # (every browser): a tenth of the bytes to send. These pages hold
        # no secret (no session, no CSRF token), so BREACH has nothing to
        # find; Django's own responses stay uncompressed for that reason.
        compressed = gzip.compress(body, compresslevel=6)
        try:
            cache.set(
                key, (version, captured["status"], headers, compressed), PAGE_TIMEOUT
            )
        except Exception:
            # Not storing only costs the next visitor a render; see above.
            logger.exception("front cache store failed")


def _stored_header(name: str, value: str) -> tuple[str, str] | None:
    lower = name.lower()
    if lower in _UNSTORED:
        return None
    if lower == "x-page-cache":
        return (name, "hit")
    if lower == "vary":
        return (name, f"{value}, Accept-Encoding")
    return (name, value)


def _storable(environ: dict, captured: dict) -> bool:
    if environ["REQUEST_METHOD"] != "GET":
        return False  # a HEAD response has no body to store
    if not captured.get("status", "").startswith("200"):
        return False
    names = {name.lower() for name, _ in captured["headers"]}
    return "x-page-cache" in names and "set-cookie" not in names
