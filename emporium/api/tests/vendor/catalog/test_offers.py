"""The vendor API of the shop's offers and of other shops' products open to
other sellers: /api/v1/vendor/offers/, open-products/."""

from decimal import Decimal

import pytest

from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES
from emporium.catalog.constants import ProductStatus
from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.inventory.models import StockMovement
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db

OFFERS = f"{API}/offers/"
OPEN = f"{API}/open-products/"


def offer_payload(variant, **changes) -> dict:
    return {
        "variant": variant.pk,
        "sku": "MINE-1",
        "price": "19.90",
        "currency": "EUR",
        **changes,
    }


# --- The list -------------------------------------------------------------------


def test_the_list_has_the_shops_offers_with_available_units(owner_client, shop):
    mine = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=8, quantity_reserved=3
    ).offer
    OfferFactory()  # another shop's

    body = owner_client.get(OFFERS).json()

    (row,) = body["results"]
    assert (row["id"], row["available_quantity"], row["price"]) == (mine.pk, 5, "19.99")
    assert row["variant"]["product"]["shop"] == shop.slug


def test_the_list_filters_by_text_and_activity(owner_client, shop):
    tee = OfferFactory(variant__product__shop=shop, sku="TEE-1")
    cap = OfferFactory(variant__product__shop=shop, sku="CAP-1", is_active=False)

    def ids(**params):
        return [r["id"] for r in owner_client.get(OFFERS, params).json()["results"]]

    assert ids(q="tee") == [tee.pk]
    assert ids(is_active="false") == [cap.pk]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_for_2_and_20_offers(
    owner_client, shop, django_assert_num_queries, rows
):
    for _ in range(rows):
        StockFactory(offer__variant__product__shop=shop)

    with django_assert_num_queries(VENDOR_QUERIES + 2):  # count, page
        response = owner_client.get(OFFERS)

    assert len(response.json()["results"]) == rows


# --- Create ---------------------------------------------------------------------


def test_offer_an_own_variant_with_opening_stock(owner_client, shop):
    variant = VariantFactory(product__shop=shop)
    warehouse = WarehouseFactory(shop=shop)

    response = owner_client.post(
        OFFERS,
        offer_payload(
            variant, compare_at_price="24.90", warehouse=warehouse.pk, quantity=4
        ),
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["price"], body["compare_at_price"], body["available_quantity"]) == (
        "19.90",
        "24.90",
        4,
    )
    (stock,) = body["stock"]
    assert (stock["warehouse"]["code"], stock["quantity_on_hand"]) == (
        warehouse.code,
        4,
    )
    movement = StockMovement.objects.get()
    assert (movement.reason, movement.actor) == ("receipt", shop.owner)


def test_offer_another_shops_open_product(owner_client, shop, other_shop):
    variant = VariantFactory(
        product__shop=other_shop, product__is_open_to_other_sellers=True
    )

    response = owner_client.post(OFFERS, offer_payload(variant))

    assert response.status_code == 201
    offer = Offer.objects.get(pk=response.json()["id"])
    assert (offer.shop, offer.variant) == (shop, variant)


def test_offering_a_product_not_open_to_other_sellers_is_refused(
    owner_client, other_shop
):
    variant = VariantFactory(product__shop=other_shop)

    response = owner_client.post(OFFERS, offer_payload(variant))

    assert response.status_code == 400
    assert response.json()["code"] == "product_not_open_to_shop"
    assert not Offer.objects.exists()


def test_offering_a_variant_the_shop_offers_already_is_refused(owner_client, shop):
    offer = OfferFactory(variant__product__shop=shop, sku="FIRST")

    response = owner_client.post(OFFERS, offer_payload(offer.variant, sku="AGAIN"))

    assert response.status_code == 409
    assert response.json()["code"] == "variant_already_offered"
    assert "FIRST" in response.json()["detail"]


def test_a_sku_is_unique_per_shop_only(owner_client, shop, other_shop):
    OfferFactory(variant__product__shop=other_shop, sku="SAME")
    OfferFactory(variant__product__shop=shop, sku="TAKEN")
    variant = VariantFactory(product__shop=shop)

    taken = owner_client.post(OFFERS, offer_payload(variant, sku="TAKEN"))
    same = owner_client.post(OFFERS, offer_payload(variant, sku="SAME"))

    assert taken.status_code == 409
    assert taken.json()["code"] == "duplicate_sku"
    assert same.status_code == 201


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({"price": "1.999"}, 400, "invalid", "price"),
        ({"price": 19.9}, 400, "invalid", "price"),
        ({"price": "-1.00"}, 400, "invalid_price", "price"),
        ({"currency": "EURO"}, 400, "invalid", "currency"),
        ({"quantity": 3}, 400, "invalid_quantity", "warehouse"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    owner_client, shop, changes, status, code, field
):
    variant = VariantFactory(product__shop=shop)

    response = owner_client.post(OFFERS, offer_payload(variant, **changes))

    assert response.status_code == status
    assert response.json()["code"] == code
    assert field in response.json()["fields"]
    assert not Offer.objects.exists()


def test_opening_stock_in_another_shops_warehouse_is_not_found(owner_client, shop):
    variant = VariantFactory(product__shop=shop)

    response = owner_client.post(
        OFFERS, offer_payload(variant, warehouse=WarehouseFactory().pk, quantity=1)
    )

    assert response.status_code == 404
    assert response.json()["code"] == "warehouse_not_found"
    assert not Offer.objects.exists()


# --- Change, deactivate ---------------------------------------------------------


def test_patch_changes_price_and_activation(owner_client, shop):
    offer = OfferFactory(variant__product__shop=shop, compare_at_amount=Decimal("30"))

    response = owner_client.patch(
        f"{OFFERS}{offer.pk}/",
        {"price": "17.50", "compare_at_price": None, "is_active": False},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["price"], body["compare_at_price"], body["is_active"]) == (
        "17.50",
        None,
        False,
    )


def test_delete_takes_the_offer_off_sale(owner_client, shop):
    offer = OfferFactory(variant__product__shop=shop)

    response = owner_client.delete(f"{OFFERS}{offer.pk}/")

    assert (response.status_code, response.json()["is_active"]) == (200, False)
    assert Offer.objects.filter(pk=offer.pk).exists()


# --- Open products --------------------------------------------------------------


def test_open_products_lists_what_the_shop_may_offer(owner_client, shop, other_shop):
    product = ProductFactory(
        shop=other_shop, is_open_to_other_sellers=True, title="Open tee"
    )
    offered, free = VariantFactory(product=product), VariantFactory(product=product)
    OfferFactory(variant=offered, shop=shop, sku="MINE-TEE")
    ProductFactory(shop=other_shop)  # closed
    ProductFactory(
        shop=other_shop, is_open_to_other_sellers=True, status=ProductStatus.DRAFT
    )

    body = owner_client.get(OPEN).json()

    (row,) = body["results"]
    assert (row["title"], row["shop"]["slug"]) == ("Open tee", "globex")
    assert {v["id"]: v["offered_as"] for v in row["variants"]} == {
        offered.pk: "MINE-TEE",
        free.pk: None,
    }


@pytest.mark.parametrize("rows", [2, 20])
def test_open_products_cost_the_same_queries_for_2_and_20(
    owner_client, other_shop, django_assert_num_queries, rows
):
    for _ in range(rows):
        VariantFactory(product__shop=other_shop, product__is_open_to_other_sellers=True)

    # + count, page, variants, their option values, the shop's offers
    with django_assert_num_queries(VENDOR_QUERIES + 5):
        response = owner_client.get(OPEN)

    assert len(response.json()["results"]) == rows
