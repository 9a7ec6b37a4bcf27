"""robots.txt (the sitemaps themselves are django.contrib.sitemaps views)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from emporium.storefront.seo import absolute_url

DISALLOWED = ("/account/", "/admin/", "/api/")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
