"""Sitemap index, paginated sections, visibility."""

import pytest

from emporium.catalog.constants import ProductStatus
from emporium.catalog.tests.factories import CategoryFactory
from emporium.storefront import sitemaps
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_product_sitemap_lists_visible_products_only(client):
    shown = listed_product()
    draft = listed_product(status=ProductStatus.DRAFT)
    archived = listed_product(status=ProductStatus.ARCHIVED)
    hidden = listed_product(shop=ShopFactory(status=ShopStatus.SUSPENDED))

    xml = client.get("/sitemap-products.xml").text

    assert f"/p/{shown.slug}/</loc>" in xml
    assert "<lastmod>" in xml
    for product in (draft, archived, hidden):
        assert f"/p/{product.slug}/" not in xml


def test_category_and_shop_sitemaps_list_active_and_approved_only(client):
    active = CategoryFactory()
    inactive = CategoryFactory(is_active=False)
    approved = ShopFactory()
    pending = ShopFactory(status=ShopStatus.PENDING)

    categories = client.get("/sitemap-categories.xml").text
    shops = client.get("/sitemap-shops.xml").text

    assert f"/c/{active.slug}/" in categories
    assert f"/c/{inactive.slug}/" not in categories
    assert f"/shops/{approved.slug}/" in shops
    assert f"/shops/{pending.slug}/" not in shops


def test_sitemap_index_paginates_sections_by_the_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ProductSitemap, "limit", 2)
    products = [listed_product() for _ in range(3)]

    index = client.get("/sitemap.xml")
    page_two = client.get("/sitemap-products.xml", {"p": 2}).text

    assert index.status_code == 200
    assert "/sitemap-products.xml</loc>" in index.text
    assert "/sitemap-products.xml?p=2</loc>" in index.text
    assert "/sitemap-categories.xml</loc>" in index.text
    assert f"/p/{products[2].slug}/" in page_two
    assert f"/p/{products[0].slug}/" not in page_two


def test_sitemap_locations_are_on_the_public_site_url(client, settings):
    settings.SITE_URL = "https://shop.example"
    product = listed_product()

    xml = client.get("/sitemap-products.xml").text

    assert f"<loc>https://shop.example/p/{product.slug}/</loc>" in xml
