"""robots.txt (the sitemaps themselves are django.contrib.sitemaps views)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from emporium.storefront.seo import absolute_url

# Private or per-visitor pages: accounts, back offices, the API, the cart and
# checkout, guests' signed order links (`/orders/`) and the vendor dashboard.
DISALLOWED = (
    "/account/",
    "/admin/",
    "/api/",
    "/cart/",
    "/checkout/",
    "/orders/",
    "/vendor/",
)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
