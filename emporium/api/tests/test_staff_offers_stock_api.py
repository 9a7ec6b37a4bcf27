"""The staff API of offers, stock rows, adjustments and warehouses."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.search.tests.factories import make_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

OFFERS = "/api/v1/staff/offers/"
STOCK = "/api/v1/staff/stock/"
# The signed-in user (JWT), the count, the page with offer, shop, warehouse.
LIST_QUERIES = 3


@pytest.fixture
def staff() -> User:
    return UserFactory(is_staff=True)


@pytest.fixture
def staff_client(staff) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(staff).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def events(name: str) -> list[dict]:
    return [e.payload for e in OutboxEvent.objects.filter(name=name)]


# --- Offers ---------------------------------------------------------------------


def offer_payload(variant, /, **changes) -> dict:
    return {
        "variant": variant.pk,
        "shop": variant.product.shop_id,
        "sku": "SOCK-M",
        "price": "19.99",
        "currency": "EUR",
        **changes,
    }


@pytest.mark.parametrize(
    ("price", "currency", "shown"),
    [
        ("19.99", "EUR", "19.99"),
        ("19.5", "EUR", "19.50"),
        ("2000", "JPY", "2000"),
        ("1.235", "KWD", "1.235"),
        ("0", "EUR", "0.00"),
    ],
)
def test_create_offer_stores_the_exact_price_and_publishes(
    staff_client, price, currency, shown
):
    variant = VariantFactory()

    response = staff_client.post(
        OFFERS, offer_payload(variant, price=price, currency=currency)
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["price"], body["currency"]) == (shown, currency)
    assert body["compare_at_price"] is None
    assert Offer.objects.get(pk=body["id"]).price_amount == Decimal(price)
    assert events("offer.created") == [{"offer_id": body["id"]}]


def test_create_offer_with_a_compare_at_price(staff_client):
    response = staff_client.post(
        OFFERS, offer_payload(VariantFactory(), compare_at_price="25.00")
    )

    assert response.status_code == 201
    assert response.json()["compare_at_price"] == "25.00"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"price": 19.99}, "invalid", "price"),
        ({"price": 20}, "invalid", "price"),
        ({"price": "abc"}, "invalid", "price"),
        ({"price": "NaN"}, "invalid", "price"),
        ({"price": "19.999"}, "invalid", "price"),
        ({"price": "-1.00"}, "invalid_price", "price"),
        ({"price": "1000000000"}, "invalid_price", "price"),
        ({"price": "1e30"}, "invalid_price", "price"),
        ({"compare_at_price": "-5"}, "invalid_price", "compare_at_price"),
        ({"compare_at_price": 25.0}, "invalid", "compare_at_price"),
        ({"currency": "EURO"}, "invalid", "currency"),
        ({"currency": "XYZ"}, "invalid", "currency"),
        ({"sku": ""}, "invalid", "sku"),
        ({"sku": "x" * 65}, "invalid", "sku"),
        ({"variant": 999_999}, "invalid", "variant"),
    ],
)
def test_create_offer_refuses_bad_input_with_400(staff_client, changes, code, field):
    response = staff_client.post(OFFERS, offer_payload(VariantFactory(), **changes))

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert field in response.json()["fields"]
    assert not Offer.objects.exists()


def test_create_offer_with_a_duplicate_sku_answers_409(staff_client):
    existing = OfferFactory(sku="SOCK-M")
    variant = VariantFactory(product=existing.variant.product)

    response = staff_client.post(OFFERS, offer_payload(variant, sku="SOCK-M"))

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_sku"
    assert Offer.objects.count() == 1


def test_another_shop_cannot_offer_a_product_closed_to_other_sellers(staff_client):
    variant = VariantFactory()
    other = ShopFactory()

    response = staff_client.post(OFFERS, offer_payload(variant, shop=other.pk))

    assert response.status_code == 400
    assert response.json()["code"] == "product_not_open_to_shop"
    assert "shop" in response.json()["fields"]
    assert not Offer.objects.exists()


def test_another_shop_may_offer_a_product_open_to_other_sellers(staff_client):
    variant = VariantFactory(product__is_open_to_other_sellers=True)
    other = ShopFactory()

    response = staff_client.post(OFFERS, offer_payload(variant, shop=other.pk))

    assert response.status_code == 201
    assert response.json()["shop"]["id"] == other.pk


def test_patch_offer_price_publishes_the_change_and_the_public_page_follows(
    staff_client, api_client
):
    product = make_product(slug="wool-socks", price="10.00")
    offer = Offer.objects.get(variant__product=product)

    response = staff_client.patch(f"{OFFERS}{offer.pk}/", {"price": "8.5"})

    assert response.status_code == 200
    assert response.json()["price"] == "8.50"
    [event] = events("offer.price_changed")
    assert (event["from"], event["to"]) == ("10.000", "8.50")
    public = api_client.get("/api/v1/products/wool-socks/").json()
    assert public["variants"][0]["offers"][0]["price"] == "8.50"


def test_deactivating_the_only_offer_hides_the_product_publicly(
    staff_client, api_client
):
    product = make_product(slug="wool-socks")
    offer = Offer.objects.get(variant__product=product)

    response = staff_client.patch(f"{OFFERS}{offer.pk}/", {"is_active": False})

    assert response.json()["is_active"] is False
    assert events("offer.updated")[0]["fields"] == ["is_active"]
    assert api_client.get("/api/v1/products/wool-socks/").status_code == 404


def test_patch_offer_clears_the_compare_at_price_with_null(staff_client):
    offer = OfferFactory(compare_at_amount=Decimal("30.00"))

    response = staff_client.patch(f"{OFFERS}{offer.pk}/", {"compare_at_price": None})

    assert response.status_code == 200
    assert response.json()["compare_at_price"] is None
    assert Offer.objects.get(pk=offer.pk).compare_at_amount is None


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"price": 8.5}, 400, "invalid"),
        ({"price": "-0.01"}, 400, "invalid_price"),
        ({"price": "8.505"}, 400, "invalid"),
        ({"sku": "TAKEN"}, 409, "duplicate_sku"),
    ],
)
def test_patch_offer_refuses_bad_changes(staff_client, payload, status, code):
    offer = OfferFactory(price_amount=Decimal("10.00"))
    OfferFactory(shop=offer.shop, sku="TAKEN")

    response = staff_client.patch(f"{OFFERS}{offer.pk}/", payload)

    assert response.status_code == status
    assert response.json()["code"] == code
    offer.refresh_from_db()
    assert (offer.price_amount, offer.sku) == (Decimal("10.00"), offer.sku)
    assert not OutboxEvent.objects.exists()


def test_offer_of_an_unknown_id_answers_404(staff_client):
    response = staff_client.patch(f"{OFFERS}999999/", {"price": "1.00"})

    assert response.status_code == 404
    assert response.json()["code"] == "offer_not_found"


# --- Stock ----------------------------------------------------------------------


@pytest.fixture
def offer() -> Offer:
    return OfferFactory()


def test_create_stock_books_the_opening_quantity_as_a_receipt(
    staff_client, staff, offer
):
    warehouse = WarehouseFactory(shop=offer.shop)

    response = staff_client.post(
        STOCK,
        {
            "offer": offer.pk,
            "warehouse": warehouse.pk,
            "quantity": 12,
            "low_stock_threshold": 2,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["quantity_on_hand"], body["quantity_available"]) == (12, 12)
    assert (body["low_stock_threshold"], body["is_low"]) == (2, False)
    [movement] = body["movements"]
    assert (movement["delta"], movement["reason"]) == (12, "receipt")
    assert movement["actor"] == staff.email
    assert events("stock.changed")[0]["quantity_on_hand"] == 12


def test_create_stock_refuses_a_warehouse_of_another_shop(staff_client, offer):
    elsewhere = WarehouseFactory()

    response = staff_client.post(
        STOCK, {"offer": offer.pk, "warehouse": elsewhere.pk, "quantity": 5}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "warehouse_of_other_shop"
    assert "warehouse" in response.json()["fields"]
    assert not Stock.objects.exists()


def test_create_stock_twice_in_one_warehouse_answers_409(staff_client, offer):
    stock = StockFactory(offer=offer)

    response = staff_client.post(
        STOCK, {"offer": offer.pk, "warehouse": stock.warehouse_id, "quantity": 5}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stock_exists"
    assert Stock.objects.get().quantity_on_hand == stock.quantity_on_hand


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"quantity": -1}, "invalid_quantity", None),
        ({"quantity": 2**31}, "invalid", "quantity"),
        ({"low_stock_threshold": -1}, "invalid", "low_stock_threshold"),
        ({"warehouse": 999_999}, "invalid", "warehouse"),
        ({"offer": None}, "invalid", "offer"),
    ],
)
def test_create_stock_refuses_bad_input_with_400(
    staff_client, offer, changes, code, field
):
    warehouse = WarehouseFactory(shop=offer.shop)
    payload = {"offer": offer.pk, "warehouse": warehouse.pk, **changes}

    response = staff_client.post(STOCK, payload)

    assert response.status_code == 400
    assert response.json()["code"] == code
    if field:
        assert field in response.json()["fields"]
    assert not Stock.objects.exists()


def test_stock_detail_lists_the_latest_movements_newest_first(staff_client, offer):
    warehouse = WarehouseFactory(shop=offer.shop)
    stock_id = staff_client.post(
        STOCK, {"offer": offer.pk, "warehouse": warehouse.pk, "quantity": 5}
    ).json()["id"]
    for delta in (-1, 3):
        staff_client.post(
            f"{STOCK}{stock_id}/adjustments/", {"delta": delta, "reason": "adjustment"}
        )

    response = staff_client.get(f"{STOCK}{stock_id}/")

    assert response.status_code == 200
    moves = [(m["delta"], m["quantity_after"]) for m in response.json()["movements"]]
    assert moves == [(3, 7), (-1, 4), (5, 5)]


def test_adjustment_moves_on_hand_and_answers_the_updated_row(
    staff_client, staff, offer
):
    stock = StockFactory(offer=offer, quantity_on_hand=10)

    response = staff_client.post(
        f"{STOCK}{stock.pk}/adjustments/",
        {"delta": -4, "reason": "adjustment", "note": "Broken in transit"},
    )

    assert response.status_code == 200
    assert response.json()["quantity_on_hand"] == 6
    movement = StockMovement.objects.get(stock=stock)
    assert (movement.delta, movement.note, movement.actor) == (
        -4,
        "Broken in transit",
        staff,
    )
    assert events("stock.changed")[0]["delta"] == -4


def test_adjustment_below_the_reserved_quantity_answers_409(staff_client, offer):
    stock = StockFactory(offer=offer, quantity_on_hand=5, quantity_reserved=3)

    response = staff_client.post(
        f"{STOCK}{stock.pk}/adjustments/", {"delta": -3, "reason": "adjustment"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "insufficient_stock"
    assert Stock.objects.get(pk=stock.pk).quantity_on_hand == 5
    assert not StockMovement.objects.exists()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"delta": 0, "reason": "receipt"}, "invalid_quantity"),
        ({"delta": 1.5, "reason": "receipt"}, "invalid"),
        ({"delta": 2_000_000, "reason": "receipt"}, "invalid"),
        ({"delta": -1, "reason": "sale"}, "invalid"),
        ({"delta": 1, "reason": "reservation"}, "invalid"),
        ({"delta": 1}, "invalid"),
    ],
)
def test_adjustment_refuses_bad_input_with_400(staff_client, offer, payload, code):
    stock = StockFactory(offer=offer, quantity_on_hand=5)

    response = staff_client.post(f"{STOCK}{stock.pk}/adjustments/", payload)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert Stock.objects.get(pk=stock.pk).quantity_on_hand == 5


def test_adjustment_of_an_unknown_stock_row_answers_404(staff_client):
    response = staff_client.post(
        f"{STOCK}999999/adjustments/", {"delta": 1, "reason": "receipt"}
    )

    assert response.status_code == 404
    assert response.json()["code"] == "stock_not_found"


def test_patch_stock_changes_its_settings_not_its_quantity(staff_client, offer):
    stock = StockFactory(offer=offer, quantity_on_hand=5)

    response = staff_client.patch(
        f"{STOCK}{stock.pk}/",
        {"backorder_allowed": True, "low_stock_threshold": 8, "quantity_on_hand": 99},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["backorder_allowed"], body["low_stock_threshold"]) == (True, 8)
    assert (body["quantity_on_hand"], body["is_low"]) == (5, True)
    assert events("stock.updated")[0]["fields"] == [
        "backorder_allowed",
        "low_stock_threshold",
    ]


def test_stock_list_filters_by_shop_offer_and_low_stock(staff_client, offer):
    low = StockFactory(offer=offer, quantity_on_hand=2)
    plenty = StockFactory(quantity_on_hand=50)

    by_shop = staff_client.get(STOCK, {"shop": offer.shop_id}).json()
    by_offer = staff_client.get(STOCK, {"offer": plenty.offer_id}).json()
    is_low = staff_client.get(STOCK, {"is_low": "true"}).json()
    not_low = staff_client.get(STOCK, {"is_low": "false"}).json()

    assert [s["id"] for s in by_shop["results"]] == [low.pk]
    assert [s["id"] for s in by_offer["results"]] == [plenty.pk]
    assert [s["id"] for s in is_low["results"]] == [low.pk]
    assert [s["id"] for s in not_low["results"]] == [plenty.pk]
    assert by_shop["results"][0]["offer"]["shop"]["id"] == offer.shop_id


@pytest.mark.parametrize("count", [3, 25])
def test_stock_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, count
):
    StockFactory.create_batch(count)

    with django_assert_num_queries(LIST_QUERIES):
        response = staff_client.get(STOCK)

    assert response.json()["count"] == count


def test_warehouse_list_filters_by_shop(staff_client):
    north = ShopFactory()
    mine = WarehouseFactory(shop=north, name="Berlin", code="ber")
    WarehouseFactory()

    response = staff_client.get("/api/v1/staff/warehouses/", {"shop": north.pk})

    assert response.status_code == 200
    [shown] = response.json()["results"]
    assert shown == {
        "id": mine.pk,
        "shop": north.pk,
        "name": "Berlin",
        "code": "ber",
        "city": "Berlin",
        "country": "DE",
        "is_active": True,
    }


@pytest.mark.parametrize("count", [2, 12])
def test_warehouse_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, count
):
    WarehouseFactory.create_batch(count, shop=ProductFactory().shop)

    with django_assert_num_queries(LIST_QUERIES):
        response = staff_client.get("/api/v1/staff/warehouses/")

    assert response.json()["count"] == count
