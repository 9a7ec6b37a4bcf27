"""Vendor routes of the REST API, mounted at /api/v1/vendor/ (namespace "v1").

Each part owns its routes: `catalog_urls` (products, offers, stock,
import/export), `sales_urls` (overview, fulfilments, money), `shop_urls`
(applications, profile, branches, team).
"""

from django.urls import include, path

urlpatterns = [
    path("", include("emporium.api.vendor.catalog_urls")),
    path("", include("emporium.api.vendor.sales_urls")),
    path("", include("emporium.api.vendor.shop_urls")),
]
