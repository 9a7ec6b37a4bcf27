"""The home page: categories, featured collections, new arrivals."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from emporium.storefront import seo
from emporium.storefront.cache import cache_anonymous_page
from emporium.storefront.selectors import (
    list_featured_collections,
    list_new_arrival_cards,
    list_root_categories,
)


@require_GET
@cache_anonymous_page
def home(request: HttpRequest) -> HttpResponse:
    site = seo.organization(name=settings.SHOP_NAME, url=seo.absolute_url("/"))
    new_arrivals = list_new_arrival_cards()
    context = {
        # Honest when empty: no products means the "coming soon" page.
        "has_catalog": bool(new_arrivals),
        "root_categories": list(list_root_categories()),
        "featured_collections": list_featured_collections(),
        "new_arrivals": new_arrivals,
        "canonical_url": seo.absolute_url("/"),
        "json_ld": [seo.json_ld(site)],
    }
    return render(request, "storefront/home.html", context)
