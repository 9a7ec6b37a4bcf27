"""Cached pages follow category, brand, collection and image changes;
inactive categories leave the nav, breadcrumbs and the sitemap."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from emporium.catalog.models import Category
from emporium.catalog.services import (
    add_product_image,
    create_collection,
    deactivate_category,
    set_collection_products,
    update_brand,
    update_category,
)
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.services import reindex_all
from emporium.storefront.cache import catalog_version
from emporium.storefront.tests.builders import listed_product

pytestmark = pytest.mark.django_db

HOME = reverse("storefront:home")


def _category_url(category) -> str:
    return reverse("storefront:category", args=[category.slug])


def _product_url(product) -> str:
    return reverse("storefront:product", args=[product.slug])


def test_cached_category_page_shows_the_new_name_after_a_rename(
    client, django_capture_on_commit_callbacks
):
    category = CategoryFactory(name="Shirts")
    listed_product(category=category)
    url = _category_url(category)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        update_category(category_id=category.pk, name="Tops")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert 'page-title">Tops</h1>' in response.text


def test_cached_product_page_shows_the_renamed_brand(
    client, django_capture_on_commit_callbacks
):
    brand = BrandFactory(name="Acme")
    product = listed_product(brand=brand)
    url = _product_url(product)
    assert "Acme" in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        update_brand(brand_id=brand.pk, name="Zenith")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Zenith" in response.text


def test_cached_home_page_shows_a_new_featured_collection(
    client, django_capture_on_commit_callbacks
):
    product = listed_product(title="Straw Hat")
    client.get(HOME)
    before = catalog_version()

    with django_capture_on_commit_callbacks(execute=True):
        collection = create_collection(name="Summer picks", is_featured=True)
        set_collection_products(collection_id=collection.pk, product_ids=[product.pk])

    assert catalog_version() != before
    response = client.get(HOME)
    assert response.get("X-Page-Cache") != "hit"
    assert "Summer picks" in response.text


def test_cached_product_page_shows_an_uploaded_image_with_its_thumbnails(
    client, django_capture_on_commit_callbacks
):
    product = listed_product()
    url = _product_url(product)
    assert "srcset" not in client.get(url).text
    buffer = BytesIO()
    Image.new("RGB", (800, 800), (10, 10, 10)).save(buffer, format="JPEG")
    upload = SimpleUploadedFile("hat.jpg", buffer.getvalue(), "image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        add_product_image(product_id=product.pk, file=upload, alt_text="Hat")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert 'alt="Hat"' in response.text
    assert "_640.webp 640w" in response.text


def test_deactivated_category_leaves_home_nav_subcategories_and_sitemap(
    client, django_capture_on_commit_callbacks
):
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    linen = CategoryFactory(name="Linen", slug="linen", parent=shirts)
    listed_product(category=linen, title="Linen Shirt")
    assert 'href="/c/shirts/"' in client.get(_category_url(clothing)).text

    with django_capture_on_commit_callbacks(execute=True):
        deactivate_category(category_id=shirts.pk)

    clothing_page = client.get(_category_url(clothing)).text
    sitemap = client.get("/sitemap-categories.xml").text
    assert 'href="/c/shirts/"' not in clothing_page
    assert "/c/clothing/" in sitemap
    assert "/c/shirts/" not in sitemap
    assert "/c/linen/" not in sitemap
    assert client.get(_category_url(shirts)).status_code == 404
    assert client.get(_category_url(linen)).status_code == 404
    assert 'href="/c/clothing/"' in client.get(HOME).text


def test_product_in_a_hidden_category_links_only_active_breadcrumbs(client):
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    product = listed_product(category=shirts)
    deactivate_category(category_id=shirts.pk)

    html = client.get(_product_url(product)).text

    assert 'href="/c/clothing/"' in html
    assert "/c/shirts/" not in html


def test_deactivated_root_leaves_the_home_page(client):
    garden = CategoryFactory(name="Garden", slug="garden")
    listed_product(category=CategoryFactory(name="Books", slug="books"))

    deactivate_category(category_id=garden.pk)

    html = client.get(HOME).text
    assert 'href="/c/books/"' in html
    assert 'href="/c/garden/"' not in html


def _lastmod(xml: str, path: str) -> str:
    match = re.search(rf"<loc>[^<]*{path}</loc><lastmod>([^<]+)</lastmod>", xml)
    assert match, f"no lastmod for {path}"
    return match.group(1)


def test_category_sitemap_lastmod_is_the_categorys_last_change(client):
    year_ago = timezone.now() - timedelta(days=365)
    CategoryFactory(slug="old")
    renamed = CategoryFactory(slug="renamed")
    Category.objects.update(updated_at=year_ago)

    renamed = update_category(category_id=renamed.pk, name="Renamed")

    xml = client.get("/sitemap-categories.xml").text
    assert renamed.updated_at > year_ago
    assert _lastmod(xml, "/c/old/") == f"{timezone.localdate(year_ago):%Y-%m-%d}"
    assert (
        _lastmod(xml, "/c/renamed/")
        == f"{timezone.localdate(renamed.updated_at):%Y-%m-%d}"
    )


def test_hidden_subcategory_products_leave_the_parent_page_list_and_facets(
    client, django_capture_on_commit_callbacks
):
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    acme = BrandFactory(name="Acme", slug="acme")
    listed_product(category=clothing, brand=acme, title="Rain Coat")
    listed_product(category=shirts, brand=acme, title="Oxford Shirt")
    reindex_all()

    with django_capture_on_commit_callbacks(execute=True):
        deactivate_category(category_id=shirts.pk)

    plain = client.get(_category_url(clothing)).text
    filtered = client.get(_category_url(clothing), {"brand": "acme"}).text
    for html in (plain, filtered):
        assert "Rain Coat" in html
        assert "Oxford Shirt" not in html
    facet = re.search(r'value="acme"[^>]*>.*?data-facet-count>(\d+)<', plain, re.S)
    assert facet.group(1) == "1"
