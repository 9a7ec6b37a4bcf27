"""Whole-page cache of anonymous catalog pages, invalidated by events.

One global "catalog version" is part of every cached page's key. Any event
that may change what a product or category page shows (a product, an offer
price, stock, a shop's status) bumps it, so every cached page goes stale
at once: coarse, but simple and correct. Old entries expire by timeout.
Per-product versions can replace it once pages are measured to need it.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from emporium.catalog.constants import (
    BRAND_CHANGED,
    CATEGORY_CHANGED,
    COLLECTION_CHANGED,
    OFFER_CREATED,
    OFFER_PRICE_CHANGED,
    OFFER_UPDATED,
    PRODUCT_CREATED,
    PRODUCT_IMAGE_ADDED,
    PRODUCT_IMAGE_REMOVED,
    PRODUCT_IMAGE_UPDATED,
    PRODUCT_UPDATED,
    VARIANT_CREATED,
    VARIANT_UPDATED,
)
from emporium.core.events import subscribe
from emporium.inventory.constants import STOCK_CHANGED, STOCK_UPDATED
from emporium.reviews.constants import PAGE_CHANGING_EVENTS as REVIEW_PAGE_EVENTS
from emporium.storefront.htmx import wants_fragment
from emporium.vendors.constants import SHOP_PROFILE_UPDATED, SHOP_STATUS_CHANGED

VERSION_KEY = "storefront:catalog-version"
PAGE_TIMEOUT = 60 * 15
# Tracking parameters never change a page: they share its cached entry.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga"}
)
# Set in the WSGI environ by the front cache: it stores the final response.
FRONT_CACHE_ENVIRON_KEY = "emporium.front_cache"
VARY = ("HX-Request", "HX-History-Restore-Request", "Cookie")
INVALIDATING_EVENTS = (
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    OFFER_CREATED,
    OFFER_PRICE_CHANGED,
    OFFER_UPDATED,
    VARIANT_CREATED,
    VARIANT_UPDATED,
    STOCK_CHANGED,
    STOCK_UPDATED,
    SHOP_STATUS_CHANGED,
    SHOP_PROFILE_UPDATED,
    CATEGORY_CHANGED,
    BRAND_CHANGED,
    COLLECTION_CHANGED,
    PRODUCT_IMAGE_ADDED,
    PRODUCT_IMAGE_UPDATED,
    PRODUCT_IMAGE_REMOVED,
    # A review published, edited, hidden or deleted: ratings and reviews on
    # product cards, product and shop pages.
    *REVIEW_PAGE_EVENTS,
)


def catalog_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_catalog_version(payload: dict[str, Any] | None = None) -> None:
    """Make every cached catalog page stale; redelivery just stales them again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def subscribe_handlers() -> None:
    for name in INVALIDATING_EVENTS:
        subscribe(name)(bump_catalog_version)


def is_cacheable(request: HttpRequest) -> bool:
    """May this request get (and fill) a shared cached page?

    A session cookie may carry flash messages or a CSRF-bound form: such
    visitors get a fresh page. Crawlers and first visits have none. (The
    front cache, which runs before authentication, relies on storefront
    sign-in being session-only: no session cookie, no signed-in user.)
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not (hasattr(request, "user") and request.user.is_authenticated)
    )


def page_key(request: HttpRequest) -> str:
    """The cache key of a page: catalog version, then `page_identity`."""
    return f"storefront:page:{catalog_version()}:{page_identity(request)}"


def page_identity(request: HttpRequest) -> str:
    """What makes a page itself: full page or htmx fragment, path and
    non-tracking query parameters (not the catalog version)."""
    variant = "fragment" if wants_fragment(request) else "page"
    # Every parameter but tracking ones makes the key (pages read filters,
    # sort, page, variant...), sorted and without empty values, so the same
    # page in another parameter order shares one entry.
    params = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not _is_tracking(name)
        for value in values
        if value
    )
    digest = hashlib.sha256(f"{request.path}?{params}".encode()).hexdigest()
    return f"{variant}:{digest}"


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def cache_anonymous_page(view: Callable[..., HttpResponse]) -> Callable:
    """Serve anonymous visitors the cached 200 response of this page (its
    path and non-tracking query parameters), kept until the catalog moves.

    Behind the front cache (`storefront.frontcache`, in production) the
    front cache stores and serves whole responses; this decorator then only
    marks the response cacheable (`X-Page-Cache: miss`).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_cacheable(request):
            return view(request, *args, **kwargs)
        stores = FRONT_CACHE_ENVIRON_KEY not in request.META
        key = page_key(request) if stores else ""
        cached = cache.get(key) if stores else None
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            patch_vary_headers(response, VARY)
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if stores:
                content = (response.content, response["Content-Type"])
                cache.set(key, content, PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, VARY)
        return response

    return wrapper
