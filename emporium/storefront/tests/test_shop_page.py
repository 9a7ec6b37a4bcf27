"""The shop page: approved shops only, their visible products, query bound."""

import json

import pytest
from django.urls import reverse

from emporium.catalog.constants import ProductStatus
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _url(shop) -> str:
    return reverse("storefront:shop", args=[shop.slug])


@pytest.mark.parametrize(
    "status", [ShopStatus.PENDING, ShopStatus.REJECTED, ShopStatus.SUSPENDED]
)
def test_shop_page_is_404_unless_the_shop_is_approved(client, status):
    shop = ShopFactory(status=status)

    assert client.get(_url(shop)).status_code == 404


def test_shop_page_shows_profile_and_only_visible_products(client):
    shop = ShopFactory(name="Fjord Goods", description="<p><strong>Wool</strong></p>")
    listed_product(shop=shop, title="Warm Hat")
    listed_product(shop=shop, title="Old Hat", status=ProductStatus.ARCHIVED)

    html = client.get(_url(shop)).text

    assert "<strong>Wool</strong>" in html
    assert "Warm Hat" in html
    assert "Old Hat" not in html


def test_shop_page_has_organization_json_ld(client):
    shop = ShopFactory(name="Fjord Goods")

    html = client.get(_url(shop)).text

    start = html.index('<script type="application/ld+json">') + 35
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Organization"
    assert data["name"] == "Fjord Goods"


@pytest.mark.parametrize("count", [3, 30])
def test_shop_page_query_count_does_not_grow_with_products(
    client, django_assert_max_num_queries, count
):
    shop = ShopFactory()
    for _ in range(count):
        listed_product(shop=shop)

    # The shop, the product count, branches, cards, images; the shop's rating
    # (its reviews, when it has some: test_reviews_on_pages.py).
    with django_assert_max_num_queries(6):
        assert client.get(_url(shop)).status_code == 200
