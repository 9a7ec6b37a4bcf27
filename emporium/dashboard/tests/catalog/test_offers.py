"""Dashboard pages of the shop's offers: the list, offering own and open
products' variants with opening stock, editing, on/off sale, stocking."""

from decimal import Decimal

import pytest

from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.dashboard.tests.catalog.support import texts, url
from emporium.inventory.models import Stock
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def offer_data(**changes) -> dict:
    return {
        "sku": "MINE-1",
        "price": "19.90",
        "currency": "EUR",
        "compare_at_price": "",
        "warehouse": "",
        "quantity": "0",
        **changes,
    }


def new_offer_url(variant) -> str:
    return f"{url('offer-create')}?variant={variant.pk}"


# --- The list -------------------------------------------------------------------


def test_the_list_shows_the_shops_offers_with_availability(owner, shop):
    StockFactory(
        offer__variant__product__shop=shop,
        offer__sku="MINE-7",
        quantity_on_hand=7,
        quantity_reserved=2,
    )
    OfferFactory(sku="THEIRS-1")

    page = texts(owner.get(url("offers")))

    assert "MINE-7" in page
    assert "5 available" in page
    assert "THEIRS-1" not in page


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_for_2_and_20_offers(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    for _ in range(rows):
        StockFactory(offer__variant__product__shop=shop)

    with django_assert_num_queries(frame_queries + 2):  # count, page
        response = owner.get(url("offers"))

    assert texts(response).count('<li id="offer-') == rows


def test_the_open_products_page_lists_what_the_shop_may_sell(owner, shop):
    open_product = ProductFactory(is_open_to_other_sellers=True, title="Open tee")
    VariantFactory(product=open_product)
    ProductFactory(title="Closed tee")

    page = texts(owner.get(url("open-products")))

    assert "Open tee" in page
    assert "Closed tee" not in page


@pytest.mark.parametrize("rows", [2, 20])
def test_open_products_cost_the_same_queries_for_2_and_20(
    owner, frame_queries, django_assert_num_queries, rows
):
    for _ in range(rows):
        VariantFactory(product__is_open_to_other_sellers=True)

    # + count, page, variants, option values, the shop's offers
    with django_assert_num_queries(frame_queries + 5):
        owner.get(url("open-products"))


@pytest.mark.parametrize("rows", [2, 20])
def test_the_variant_chooser_costs_the_same_for_2_and_20(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    for _ in range(rows):
        VariantFactory(product__shop=shop)

    with django_assert_num_queries(frame_queries + 3):  # count, page, options
        response = owner.get(url("offer-create"))

    assert texts(response).count("?variant=") == rows


# --- Offering a variant ---------------------------------------------------------


def test_offer_an_own_variant_with_opening_stock(owner, shop):
    variant = VariantFactory(product__shop=shop)
    warehouse = WarehouseFactory(shop=shop)

    response = owner.post(
        new_offer_url(variant), offer_data(warehouse=warehouse.pk, quantity="6")
    )

    offer = Offer.objects.get()
    assert response["Location"] == url("offer-edit", offer.pk)
    assert (offer.shop, offer.price_amount) == (shop, Decimal("19.90"))
    assert Stock.objects.get(offer=offer).quantity_on_hand == 6


def test_offer_another_shops_open_product(owner, shop, other_shop):
    variant = VariantFactory(
        product__shop=other_shop, product__is_open_to_other_sellers=True
    )

    owner.post(new_offer_url(variant), offer_data())

    offer = Offer.objects.get()
    assert (offer.shop, offer.variant) == (shop, variant)


def test_another_shops_closed_product_cannot_be_offered(owner, other_shop):
    variant = VariantFactory(product__shop=other_shop)

    shown = owner.get(new_offer_url(variant))
    posted = owner.post(new_offer_url(variant), offer_data())

    assert shown.status_code == posted.status_code == 404
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": "1.999"}, "Too many decimal places for EUR."),
        ({"currency": "QQQ"}, "is not an ISO 4217 currency"),
        ({"quantity": "3"}, "Choose one of your warehouses."),
    ],
)
def test_the_offer_form_shows_refusals(owner, shop, changes, message):
    variant = VariantFactory(product__shop=shop)

    response = owner.post(new_offer_url(variant), offer_data(**changes))

    assert response.status_code == 200
    assert message in texts(response)
    assert not Offer.objects.exists()


def test_a_variant_the_shop_offers_already_is_refused_on_the_form(owner, shop):
    offer = OfferFactory(variant__product__shop=shop, sku="FIRST")

    response = owner.post(new_offer_url(offer.variant), offer_data(sku="AGAIN"))

    assert "already offers this variant as SKU" in texts(response)
    assert Offer.objects.count() == 1


def test_a_sku_the_shop_uses_is_refused_on_the_form(owner, shop):
    OfferFactory(variant__product__shop=shop, sku="TAKEN")
    variant = VariantFactory(product__shop=shop)

    response = owner.post(new_offer_url(variant), offer_data(sku="TAKEN"))

    assert "already uses SKU" in texts(response)


# --- Editing --------------------------------------------------------------------


def test_edit_the_price_and_take_off_sale(owner, shop):
    offer = OfferFactory(variant__product__shop=shop, sku="A-1")

    owner.post(
        url("offer-edit", offer.pk),
        {"sku": "A-2", "price": "17.5", "compare_at_price": "20"},
    )

    offer.refresh_from_db()
    assert (offer.sku, offer.price_amount, offer.compare_at_amount) == (
        "A-2",
        Decimal("17.50"),
        Decimal("20.00"),
    )
    assert offer.is_active is False  # the box was not ticked


def test_the_list_button_puts_an_offer_off_and_on_sale(owner, shop):
    offer = OfferFactory(variant__product__shop=shop)

    owner.post(url("offer-toggle", offer.pk), {"active": "0"})
    offer.refresh_from_db()
    assert offer.is_active is False

    response = owner.post(
        url("offer-toggle", offer.pk),
        {"active": "1", "next": "https://evil.example/"},
    )
    offer.refresh_from_db()
    assert offer.is_active is True
    assert response["Location"] == url("offers")


def test_stock_an_offer_in_a_warehouse(owner, shop):
    offer = OfferFactory(variant__product__shop=shop)
    warehouse = WarehouseFactory(shop=shop)

    owner.post(
        url("offer-stock-create", offer.pk),
        {
            "warehouse": warehouse.pk,
            "quantity": "9",
            "low_stock_threshold": "2",
            "backorder_allowed": "on",
        },
    )

    stock = Stock.objects.get()
    assert (stock.quantity_on_hand, stock.low_stock_threshold) == (9, 2)
    assert stock.backorder_allowed is True
    assert stock.movements.get().actor == shop.owner
