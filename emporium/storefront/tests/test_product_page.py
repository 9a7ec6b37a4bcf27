"""The product page: visibility, best offer, variant picker, query bound."""

from decimal import Decimal

import pytest
from django.urls import reverse

from emporium.catalog.constants import ProductStatus
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.inventory.tests.factories import StockFactory
from emporium.storefront.tests.builders import first_offer, listed_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _url(product) -> str:
    return reverse("storefront:product", args=[product.slug])


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.ARCHIVED])
def test_product_page_is_404_for_a_product_that_is_not_active(client, status):
    product = listed_product(status=status)

    assert client.get(_url(product)).status_code == 404


def test_product_page_is_404_when_the_only_shop_is_suspended(client):
    product = listed_product(shop=ShopFactory(status=ShopStatus.SUSPENDED))

    assert client.get(_url(product)).status_code == 404


def test_product_page_shows_the_best_offer_first_and_lists_other_sellers(client):
    product = listed_product(price="30.00")
    variant = first_offer(product).variant
    cheaper = OfferFactory(
        variant=variant, shop=ShopFactory(name="Cheap Corner"), price_amount="25.00"
    )
    StockFactory(offer=cheaper)

    html = client.get(_url(product)).text

    buy_box = html[html.index('id="buy-box"') :]
    assert buy_box.index("€25.00") < buy_box.index("Other sellers")
    assert "Cheap Corner" in buy_box[: buy_box.index("Other sellers")]
    assert "€30.00" in buy_box[buy_box.index("Other sellers") :]


def test_product_page_shows_breadcrumbs_of_the_category_ancestors(client):
    root = CategoryFactory(name="Clothing")
    child = CategoryFactory(parent=root, name="Shirts")
    product = listed_product(category=child)

    html = client.get(_url(product)).text

    assert html.index(">Clothing</a>") < html.index(">Shirts</a>")


def test_variant_query_parameter_selects_the_variant_without_javascript(client):
    product = listed_product(variants=2)
    offers = list(product.variants.order_by("pk"))
    second = offers[1].offers.get()
    second.price_amount = Decimal("42.00")
    second.save()

    html = client.get(_url(product), {"variant": offers[1].pk}).text

    assert "€42.00" in html
    assert second.sku in html
    assert f'hx-get="{_url(product)}?variant={offers[0].pk}"' in html


def test_htmx_variant_switch_returns_only_the_buy_box_fragment(client):
    product = listed_product(variants=2)
    variant = product.variants.order_by("pk").last()

    response = client.get(
        _url(product), {"variant": variant.pk}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="buy-box"')
    assert "<html" not in response.text
    assert variant.offers.get().sku in response.text


@pytest.mark.parametrize(
    ("on_hand", "label"), [(0, "Out of stock"), (3, "Low stock"), (50, "In stock")]
)
def test_product_page_shows_the_stock_status(client, on_hand, label):
    product = listed_product(stock=on_hand)

    assert label in client.get(_url(product)).text


def test_gallery_lazy_loads_every_image_but_the_first(client):
    from emporium.catalog.models import ProductImage

    product = listed_product()
    for position in range(3):
        ProductImage.objects.create(
            product=product,
            image=f"products/p{position}.jpg",
            position=position,
            thumbnails={"320": f"products/p{position}_320.webp"},
            width=800,
            height=800,
        )

    html = client.get(_url(product)).text

    assert html.count('loading="lazy"') == 2
    assert "/media/products/p0_320.webp 320w" in html


@pytest.mark.parametrize("variants", [1, 6])
def test_product_page_query_count_does_not_grow_with_variants(
    client, django_assert_max_num_queries, variants
):
    product = listed_product(variants=variants, category=CategoryFactory())

    with django_assert_max_num_queries(7):
        assert client.get(_url(product)).status_code == 200


def test_htmx_history_restore_gets_the_whole_page(client):
    product = listed_product()

    response = client.get(
        _url(product),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.text
