"""Suspending a shop hides its products everywhere at once, while the
orders already placed stay visible to the buyers who placed them.

The pages are warmed first (served from the page cache, the search result
cache filled), then staff suspend the shop through the staff API with the
after-commit work run as in production (outbox delivery: page caches
staled, search reindexed). Everything is read back over HTTP.
"""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.orders.tests.factories import place
from emporium.search.tests.factories import index
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

TITLE = "Zanzibar Clove Kettle"


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    shop = ShopFactory(name="Owl Wares", slug="owl-wares")
    category = CategoryFactory(name="Kettles", slug="kettles")
    product = ProductFactory(
        title=TITLE, slug="zanzibar-kettle", shop=shop, category=category
    )
    offer = OfferFactory(variant__product=product)
    StockFactory(offer=offer, quantity_on_hand=10)
    index(product)
    buyer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        order = place([(offer, 1)], customer=buyer)
    mail.outbox.clear()
    return {"shop": shop, "product": product, "buyer": buyer, "order": order}


PAGES = {
    "home": "/",
    "category": "/c/kettles/",
    "product": "/p/zanzibar-kettle/",
    "shop": "/shops/owl-wares/",
    "search": "/search/?q=zanzibar",
    "sitemap": "/sitemap-products.xml",
    "shops sitemap": "/sitemap-shops.xml",
}
API = {
    "products": "/api/v1/products/",
    "search": "/api/v1/products/?q=zanzibar",
    "product": "/api/v1/products/zanzibar-kettle/",
    "shop": "/api/v1/shops/owl-wares/",
    "shops": "/api/v1/shops/",
    "suggest": "/api/v1/search/suggest/?q=zanz",
}


def _shows_product(client, url: str) -> bool:
    response = client.get(url)
    body = response.content.decode()
    return response.status_code == 200 and (
        TITLE in body or "zanzibar-kettle" in body or "owl-wares" in body
    )


def _suspend(shop, django_capture_on_commit_callbacks) -> None:
    staff = APIClient()
    staff.force_authenticate(UserFactory(is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/api/v1/staff/shops/{shop.slug}/suspend/", {"reason": "Counterfeits"}
        )
    assert response.status_code == 200
    assert response.json()["status"] == ShopStatus.SUSPENDED


def test_before_suspension_every_page_shows_the_product_from_warm_caches(
    client, api_client, world
):
    for name, url in PAGES.items():
        assert _shows_product(client, url), name
    for name, url in API.items():
        assert _shows_product(api_client, url), name
    assert client.get(PAGES["product"])["X-Page-Cache"] == "hit"
    assert client.get(PAGES["category"])["X-Page-Cache"] == "hit"


def test_suspension_hides_the_products_everywhere_at_once(
    client, api_client, world, django_capture_on_commit_callbacks
):
    for url in [*PAGES.values(), *API.values()]:  # warm every cache
        client.get(url)
        api_client.get(url)

    _suspend(world["shop"], django_capture_on_commit_callbacks)

    shown = {name: _shows_product(client, url) for name, url in PAGES.items()} | {
        f"api {name}": _shows_product(api_client, url) for name, url in API.items()
    }
    assert shown == dict.fromkeys(shown, False)
    assert client.get(PAGES["product"]).status_code == 404
    assert client.get(PAGES["shop"]).status_code == 404
    assert api_client.get(API["product"]).status_code == 404
    assert [m.subject for m in mail.outbox] == ["Owl Wares is suspended on Emporium"]


def test_the_buyers_order_stays_visible_after_suspension(
    client, world, django_capture_on_commit_callbacks
):
    order, buyer = world["order"], world["buyer"]

    _suspend(world["shop"], django_capture_on_commit_callbacks)

    client.force_login(buyer)
    page = client.get(f"/account/orders/{order.number}/")
    listing = client.get("/account/orders/")
    api = APIClient()
    api.force_authenticate(buyer)
    detail = api.get(f"/api/v1/orders/{order.number}/")
    orders = api.get("/api/v1/orders/")

    assert page.status_code == 200
    assert TITLE in page.content.decode()
    assert order.number in listing.content.decode()
    assert detail.status_code == 200
    assert TITLE in detail.content.decode()
    assert order.number in orders.content.decode()


def test_another_buyer_still_cannot_see_the_order(
    client, world, django_capture_on_commit_callbacks
):
    _suspend(world["shop"], django_capture_on_commit_callbacks)
    client.force_login(UserFactory())

    response = client.get(f"/account/orders/{world['order'].number}/")

    assert response.status_code == 404


def test_reinstating_brings_the_products_back(
    client, api_client, world, django_capture_on_commit_callbacks
):
    _suspend(world["shop"], django_capture_on_commit_callbacks)
    assert not _shows_product(client, PAGES["search"])
    staff = APIClient()
    staff.force_authenticate(UserFactory(is_staff=True))

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/api/v1/staff/shops/{world['shop'].slug}/approve/")

    for name, url in PAGES.items():
        assert _shows_product(client, url), name
    for name, url in API.items():
        assert _shows_product(api_client, url), name
