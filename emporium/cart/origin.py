"""Same-origin check for the add-to-cart form on cached pages.

Product pages are cached whole for anonymous visitors (`storefront.cache`),
so their add-to-cart form cannot carry a per-visitor CSRF token. Its view
is `csrf_exempt` and asks the browser instead: every current browser says
where a POST comes from (`Sec-Fetch-Site`, `Origin`, else `Referer`), and
a page on another site cannot forge those headers. A request that proves
nothing is refused. See docs/cart.md, "CSRF".
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

# "none": the user started the request (typed, bookmarked), not a page.
SAME_ORIGIN_FETCH_SITES = frozenset({"same-origin", "none"})


def is_same_origin(request: HttpRequest) -> bool:
    """Whether the browser says this request comes from our own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in SAME_ORIGIN_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin:
        return _is_our_origin(request, origin)
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return _is_our_origin(request, f"{parts.scheme}://{parts.netloc}")
    return False


def _is_our_origin(request: HttpRequest, origin: str) -> bool:
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    return any(_matches(origin, trusted) for trusted in settings.CSRF_TRUSTED_ORIGINS)


def _matches(origin: str, trusted: str) -> bool:
    """`trusted` as in CSRF_TRUSTED_ORIGINS: exact, or `scheme://*.domain`."""
    scheme, _, host = trusted.partition("://")
    if not host.startswith("*."):
        return origin == trusted
    origin_scheme, _, origin_host = origin.partition("://")
    return origin_scheme == scheme and origin_host.endswith(host[1:])
