"""SEO metadata: title, canonical, Open Graph, JSON-LD, robots.txt."""

import json
import re

import pytest
from django.urls import reverse

from emporium.catalog.tests.factories import BrandFactory, CategoryFactory, OfferFactory
from emporium.storefront.seo import json_ld
from emporium.storefront.tests.builders import first_offer, listed_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _documents(html: str) -> dict[str, dict]:
    return {doc["@type"]: doc for doc in map(json.loads, JSON_LD.findall(html))}


def test_product_json_ld_has_the_offer_price_currency_and_availability(client):
    product = listed_product(
        title="Trail Shoe", price="89.90", brand=BrandFactory(name="Peak")
    )
    offer = first_offer(product)
    offer.variant.barcode = "4006381333931"
    offer.variant.save()

    html = client.get(reverse("storefront:product", args=[product.slug])).text

    data = _documents(html)["Product"]
    assert data["name"] == "Trail Shoe"
    assert data["brand"]["name"] == "Peak"
    assert data["sku"] == offer.sku
    assert data["gtin13"] == "4006381333931"
    assert data["offers"]["@type"] == "Offer"
    assert data["offers"]["price"] == "89.90"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["seller"]["name"] == product.shop.name


def test_product_json_ld_aggregates_offers_of_several_sellers(client):
    product = listed_product(price="20.00", stock=0)
    OfferFactory(
        variant=first_offer(product).variant, shop=ShopFactory(), price_amount="18.00"
    )

    html = client.get(reverse("storefront:product", args=[product.slug])).text

    offers = _documents(html)["Product"]["offers"]
    assert offers["@type"] == "AggregateOffer"
    assert (offers["lowPrice"], offers["highPrice"]) == ("18.00", "20.00")
    assert offers["offerCount"] == 2
    assert {o["availability"] for o in offers["offers"]} == {
        "https://schema.org/OutOfStock"
    }


def test_product_page_has_title_canonical_open_graph_and_breadcrumbs(client):
    category = CategoryFactory(name="Shoes")
    product = listed_product(title="Trail Shoe", category=category)
    url = reverse("storefront:product", args=[product.slug])

    html = client.get(url, {"variant": "1", "utm_source": "x"}).text

    canonical = f"http://testserver{url}"
    assert "<title>Trail Shoe | Emporium</title>" in html
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="product">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Trail Shoe">' in html
    crumbs = _documents(html)["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Shoes"]


def test_json_ld_cannot_close_its_script_element():
    rendered = json_ld({"name": "</script><script>alert(1)</script>"})

    assert "</script>" not in rendered
    assert json.loads(rendered)["name"].startswith("</script>")


def test_category_canonical_drops_sort_and_keeps_later_pages(client):
    category = CategoryFactory()
    url = reverse("storefront:category", args=[category.slug])

    html = client.get(url, {"sort": "price_desc"}).text

    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert "BreadcrumbList" in html


def test_home_page_lists_catalog_and_has_organization_json_ld(client):
    CategoryFactory(name="Garden")
    listed_product(title="Watering Can")

    html = client.get(reverse("storefront:home")).text

    assert "Shop by category" in html
    assert "Garden" in html
    assert "New arrivals" in html
    assert "Watering Can" in html
    assert "Our catalog is coming soon" not in html
    assert _documents(html)["Organization"]["url"] == "http://testserver/"


def test_home_page_has_open_graph_tags(client):
    listed_product(title="Watering Can")

    html = client.get(reverse("storefront:home")).text

    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:url" content="http://testserver/">' in html
    assert '<meta property="og:site_name" content="Emporium">' in html


def test_a_suspended_shops_offer_is_left_out_of_the_other_sellers_and_json_ld(
    client,
):
    product = listed_product(price="20.00")
    variant = first_offer(product).variant
    OfferFactory(
        variant=variant, shop=ShopFactory(name="Open Stall"), price_amount="19.00"
    )
    OfferFactory(
        variant=variant,
        shop=ShopFactory(name="Banned Bazaar", status=ShopStatus.SUSPENDED),
        price_amount="5.00",
    )

    html = client.get(reverse("storefront:product", args=[product.slug])).text

    assert "Open Stall" in html
    assert "Banned Bazaar" not in html
    offers = _documents(html)["Product"]["offers"]
    assert offers["offerCount"] == 2
    assert offers["lowPrice"] == "19.00"


def test_robots_txt_disallows_private_paths_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    private = ("/account/", "/admin/", "/api/", "/cart/", "/checkout/", "/vendor/")
    for path in (*private, "/orders/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("count", [3, 30])
def test_home_page_query_count_does_not_grow_with_products(
    client, django_assert_max_num_queries, count
):
    from emporium.catalog.models import Collection, CollectionProduct

    collection = Collection.objects.create(name="Picks", slug="picks", is_featured=True)
    for position in range(count):
        product = listed_product()
        CollectionProduct.objects.create(
            collection=collection, product=product, position=position
        )

    with django_assert_max_num_queries(7):
        html = client.get(reverse("storefront:home")).text
    assert "Picks" in html
