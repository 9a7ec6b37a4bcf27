"""A buyer browses in a real browser: search, a facet applied by htmx with
the URL following, the product page's variant picker."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.search.services import reindex_all
from emporium.storefront.tests.builders import listed_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jackets():
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    acme = BrandFactory(name="Acme", slug="acme")
    zenith = BrandFactory(name="Zenith", slug="zenith")
    listed_product(title="Black Jacket", category=clothing, brand=zenith)
    blue = listed_product(
        title="Blue Jacket", category=clothing, brand=acme, price="80.00", variants=2
    )
    large = Offer.objects.filter(variant__product=blue).order_by("variant__position")
    large.filter(pk=large[1].pk).update(price_amount=Decimal("95.00"), sku="BLUE-L")
    reindex_all()
    return blue


def test_search_facet_filters_in_place_and_the_url_follows(page, jackets):
    page.goto("/search/?q=jacket")
    expect(page.get_by_text("2 results")).to_be_visible()

    page.locator("input[name=brand][value=acme]").check()

    page.wait_for_url(re.compile(r"brand=acme"))
    expect(page.get_by_text("1 result", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Blue Jacket", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Black Jacket", exact=True)).to_have_count(0)
    # The URL is the state: loading it again gives the same filtered page.
    page.reload()
    expect(page.get_by_role("link", name="Black Jacket", exact=True)).to_have_count(0)
    expect(page.locator("input[name=brand][value=acme]")).to_be_checked()


def test_variant_picker_updates_price_and_sku_in_place(page, jackets):
    page.goto("/search/?q=jacket")
    page.get_by_role("link", name="Blue Jacket", exact=True).click()
    expect(page.locator("[data-price]")).to_have_text("€80.00")

    variant_links = page.locator("#buy-box fieldset a")
    variant_links.nth(1).click()

    expect(page.locator("[data-price]")).to_have_text("€95.00")
    expect(page.locator("[data-sku]")).to_have_text("BLUE-L")
    page.wait_for_url(re.compile(r"\?variant=\d+"))


def test_category_filters_and_sort_in_place_and_the_url_follows(page, jackets):
    page.goto("/c/clothing/")
    expect(page.locator("[data-result-count]")).to_have_text("2 products")

    page.locator("input[name=brand][value=acme]").check()

    page.wait_for_url(re.compile(r"brand=acme"))
    expect(page.locator("[data-result-count]")).to_have_text("1 product")
    expect(page.get_by_role("link", name="Black Jacket", exact=True)).to_have_count(0)
    page.get_by_label("Sort by").select_option("price_desc")
    page.wait_for_url(re.compile(r"sort=price_desc"))
    assert "brand=acme" in page.url
    page.reload()
    expect(page.locator("[data-result-count]")).to_have_text("1 product")
    expect(page.locator("input[name=brand][value=acme]")).to_be_checked()
