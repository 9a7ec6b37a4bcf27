"""Storefront URLs mounted at the site root."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from emporium.storefront import views
from emporium.storefront.sitemaps import SITEMAPS

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", views.product, name="product"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("shops/<slug:slug>/", views.shop, name="shop"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search-suggest"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "storefront:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
