"""Storefront pages: home, catalog (product, category), search, shops, robots."""

from emporium.storefront.views.catalog import category, product
from emporium.storefront.views.home import home
from emporium.storefront.views.search import search, suggest
from emporium.storefront.views.seo import robots_txt
from emporium.storefront.views.shops import shop

__all__ = ["category", "home", "product", "robots_txt", "search", "shop", "suggest"]
