"""The vendor API of the shop's warehouses, stock rows, adjustments and
ledger: /api/v1/vendor/warehouses/, stock/."""

import pytest
from django.core import mail

from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES
from emporium.catalog.tests.factories import OfferFactory
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db

WAREHOUSES = f"{API}/warehouses/"
STOCK = f"{API}/stock/"


# --- Warehouses -----------------------------------------------------------------


def test_open_and_edit_a_warehouse(owner_client, shop):
    created = owner_client.post(
        WAREHOUSES,
        {"name": "Main", "code": "main", "country": "de", "city": "Berlin"},
    )
    url = f"{WAREHOUSES}{created.json()['id']}/"
    changed = owner_client.patch(url, {"name": "Main store", "postal_code": "10115"})
    closed = owner_client.delete(url)

    assert created.status_code == 201
    assert created.json()["country"] == "DE"
    assert changed.json()["name"] == "Main store"
    assert (closed.status_code, closed.json()["is_active"]) == (200, False)
    assert Warehouse.objects.get().shop == shop


def test_a_warehouse_code_the_shop_uses_is_refused(owner_client, shop):
    WarehouseFactory(shop=shop, code="main")
    WarehouseFactory(code="backup")  # another shop's: free for this one

    taken = owner_client.post(
        WAREHOUSES, {"name": "Two", "code": "main", "country": "DE"}
    )
    free = owner_client.post(
        WAREHOUSES, {"name": "Three", "code": "backup", "country": "DE"}
    )

    assert taken.status_code == 409
    assert taken.json()["code"] == "warehouse_code_taken"
    assert free.status_code == 201


def test_a_warehouse_in_an_unknown_country_is_refused(owner_client):
    response = owner_client.post(
        WAREHOUSES, {"name": "Main", "code": "main", "country": "XX"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_warehouse"
    assert "country" in response.json()["fields"]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_warehouse_list_costs_the_same_queries_for_2_and_20(
    owner_client, shop, django_assert_num_queries, rows
):
    WarehouseFactory.create_batch(rows, shop=shop)

    with django_assert_num_queries(VENDOR_QUERIES + 2):
        response = owner_client.get(WAREHOUSES)

    assert len(response.json()["results"]) == rows


# --- Stock rows -----------------------------------------------------------------


def test_the_stock_list_shows_on_hand_reserved_available_and_low(owner_client, shop):
    stock = StockFactory(
        offer__variant__product__shop=shop,
        quantity_on_hand=6,
        quantity_reserved=2,
        low_stock_threshold=5,
    )
    StockFactory()  # another shop's

    (row,) = owner_client.get(STOCK).json()["results"]

    assert row["id"] == stock.pk
    assert (
        row["quantity_on_hand"],
        row["quantity_reserved"],
        row["quantity_available"],
        row["is_low"],
    ) == (6, 2, 4, True)


def test_the_stock_list_filters_low_rows_and_warehouses(owner_client, shop):
    low = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=1)
    high = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=50)

    def ids(**params):
        return [r["id"] for r in owner_client.get(STOCK, params).json()["results"]]

    assert ids(is_low="true") == [low.pk]
    assert ids(is_low="false") == [high.pk]
    assert ids(warehouse=high.warehouse_id) == [high.pk]
    assert ids(q=low.offer.sku) == [low.pk]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_stock_list_costs_the_same_queries_for_2_and_20(
    owner_client, shop, django_assert_num_queries, rows
):
    for _ in range(rows):
        StockFactory(offer__variant__product__shop=shop)

    with django_assert_num_queries(VENDOR_QUERIES + 2):
        response = owner_client.get(STOCK)

    assert len(response.json()["results"]) == rows


def test_start_stocking_an_offer_books_a_receipt(owner_client, shop):
    offer = OfferFactory(variant__product__shop=shop)
    warehouse = WarehouseFactory(shop=shop)

    response = owner_client.post(
        STOCK,
        {
            "offer": offer.pk,
            "warehouse": warehouse.pk,
            "quantity": 12,
            "low_stock_threshold": 3,
            "backorder_allowed": True,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["quantity_on_hand"], body["low_stock_threshold"]) == (12, 3)
    assert body["backorder_allowed"] is True
    assert [m["reason"] for m in body["movements"]] == ["receipt"]


def test_stocking_twice_in_a_warehouse_is_refused(owner_client, shop):
    stock = StockFactory(offer__variant__product__shop=shop)

    response = owner_client.post(
        STOCK, {"offer": stock.offer_id, "warehouse": stock.warehouse_id}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stock_exists"


def test_patch_sets_backorder_and_threshold(owner_client, shop):
    stock = StockFactory(offer__variant__product__shop=shop)

    response = owner_client.patch(
        f"{STOCK}{stock.pk}/", {"backorder_allowed": True, "low_stock_threshold": 0}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["backorder_allowed"], body["low_stock_threshold"]) == (True, 0)


# --- Adjustments and the ledger -------------------------------------------------


def test_an_adjustment_writes_the_ledger_with_who_and_why(owner_client, shop):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=10)

    response = owner_client.post(
        f"{STOCK}{stock.pk}/adjustments/",
        {"delta": -3, "reason": "adjustment", "note": "Damaged"},
    )

    assert response.status_code == 200
    (movement,) = response.json()["movements"]
    assert (movement["delta"], movement["quantity_after"], movement["note"]) == (
        -3,
        7,
        "Damaged",
    )
    assert movement["actor"] == shop.owner.email


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"delta": -11, "reason": "adjustment"}, 409, "insufficient_stock"),
        ({"delta": 0, "reason": "receipt"}, 400, "invalid_quantity"),
        ({"delta": 1, "reason": "sale"}, 400, "invalid"),
    ],
)
def test_adjustments_are_refused_with_their_code(
    owner_client, shop, payload, status, code
):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=10)

    response = owner_client.post(f"{STOCK}{stock.pk}/adjustments/", payload)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not StockMovement.objects.exists()


def test_an_adjustment_that_runs_the_row_low_emails_the_shop(
    owner_client, shop, django_capture_on_commit_callbacks
):
    stock = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=7, low_stock_threshold=5
    )

    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            f"{STOCK}{stock.pk}/adjustments/", {"delta": -2, "reason": "adjustment"}
        )

    assert [m.to for m in mail.outbox] == [[shop.owner.email]]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_ledger_is_paginated_newest_first_at_a_fixed_cost(
    owner_client, shop, django_assert_num_queries, rows
):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=0)
    for _ in range(rows):
        owner_client.post(
            f"{STOCK}{stock.pk}/adjustments/", {"delta": 1, "reason": "receipt"}
        )

    # + the row's check, count, page with actors
    with django_assert_num_queries(VENDOR_QUERIES + 3):
        response = owner_client.get(f"{STOCK}{stock.pk}/movements/")

    quantities = [m["quantity_after"] for m in response.json()["results"]]
    assert quantities == list(range(rows, 0, -1))
    assert Stock.objects.get().quantity_on_hand == rows
