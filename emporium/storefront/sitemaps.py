"""Sitemaps: visible products, active categories, approved shops.

Served as an index (`/sitemap.xml`) of paginated sections
(`/sitemap-products.xml?p=2`), `limit` URLs a page, so a million products
stay within the protocol's 50,000-URL, 50 MB bounds.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from emporium.catalog.models import Category, Product
from emporium.catalog.selectors import list_active_categories, list_visible_products
from emporium.vendors.models import Shop
from emporium.vendors.selectors import list_visible_shops

LIMIT = 10_000


class SiteSitemap(Sitemap):
    """Locations on SITE_URL, so they equal the pages' canonical URLs.

    (The index lists its sections on the host it was requested from, as
    Django builds it; behind the proxy that is the same public host.)
    """

    limit = LIMIT

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ProductSitemap(SiteSitemap):
    def items(self):
        return (
            list_visible_products()
            .select_related(None)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Product) -> str:
        return reverse("storefront:product", args=[item.slug])

    def lastmod(self, item: Product):
        return item.updated_at


class CategorySitemap(SiteSitemap):
    def items(self):
        return list_active_categories().only("slug", "path", "updated_at")

    def location(self, item: Category) -> str:
        return reverse("storefront:category", args=[item.slug])

    def lastmod(self, item: Category):
        return item.updated_at


class ShopSitemap(SiteSitemap):
    def items(self):
        return list_visible_shops().only("slug", "updated_at").order_by("pk")

    def location(self, item: Shop) -> str:
        return reverse("storefront:shop", args=[item.slug])

    def lastmod(self, item: Shop):
        return item.updated_at


SITEMAPS = {
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "shops": ShopSitemap,
}
