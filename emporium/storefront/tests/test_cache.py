"""Anonymous page cache and its invalidation by catalog events."""

from decimal import Decimal

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import ProductStatus
from emporium.catalog.services import change_offer_price, update_product
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.core.money import Money
from emporium.inventory.constants import MovementReason
from emporium.inventory.services import adjust_stock
from emporium.search.services import reindex_all
from emporium.storefront.tests.builders import first_offer, listed_product

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_the_cache(client):
    product = listed_product()
    url = reverse("storefront:product", args=[product.slug])

    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_signed_in_visitors_are_never_served_a_cached_page(client):
    product = listed_product()
    url = reverse("storefront:product", args=[product.slug])
    client.get(url)
    client.force_login(UserFactory())

    assert "X-Page-Cache" not in client.get(url)


def test_cached_product_page_shows_the_new_price_after_a_price_change(
    client, django_capture_on_commit_callbacks
):
    product = listed_product(price="10.00")
    url = reverse("storefront:product", args=[product.slug])
    assert "€10.00" in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        change_offer_price(
            offer_id=first_offer(product).pk, price=Money(Decimal("12.50"), "EUR")
        )

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "€12.50" in response.text


def test_cached_category_page_shows_the_stock_change(
    client, django_capture_on_commit_callbacks
):
    product = listed_product(stock=2)
    url = reverse("storefront:category", args=[product.category.slug])
    assert "Out of stock" not in client.get(url).text
    stock = first_offer(product).stocks.get()

    with django_capture_on_commit_callbacks(execute=True):
        adjust_stock(
            stock_id=stock.pk, delta=-2, reason=MovementReason.ADJUSTMENT, actor=None
        )

    assert "Out of stock" in client.get(url).text


def test_tracking_parameters_share_the_cached_page(client):
    product = listed_product()
    url = reverse("storefront:product", args=[product.slug])
    client.get(url)

    assert client.get(url, {"utm_source": "mail"})["X-Page-Cache"] == "hit"
    assert client.get(url, {"variant": "999"})["X-Page-Cache"] == "miss"


def test_different_filters_on_a_category_page_get_different_cached_pages(client):
    acme = BrandFactory(slug="acme")
    zenith = BrandFactory(slug="zenith")
    category = CategoryFactory()
    listed_product(category=category, brand=acme, title="Acme Anorak")
    listed_product(category=category, brand=zenith, title="Zenith Zip")
    reindex_all()
    url = reverse("storefront:category", args=[category.slug])

    acme_page = client.get(url, {"brand": "acme"})
    zenith_page = client.get(url, {"brand": "zenith"})

    assert acme_page["X-Page-Cache"] == zenith_page["X-Page-Cache"] == "miss"
    assert "Acme Anorak" in acme_page.text
    assert "Zenith Zip" not in acme_page.text
    assert "Zenith Zip" in zenith_page.text
    assert "Acme Anorak" not in zenith_page.text
    again = client.get(url, {"utm_source": "mail", "brand": "zenith", "shop": ""})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == zenith_page.content


def test_home_page_is_cached_and_shows_a_product_activated_later(
    client, django_capture_on_commit_callbacks
):
    listed_product(title="Old Lantern")
    draft = listed_product(title="Fresh Kettle", status=ProductStatus.DRAFT)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        update_product(product_id=draft.pk, status=ProductStatus.ACTIVE)

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Fresh Kettle" in response.text
