"""Dashboard pages of the shop's stock and warehouses: the list, a row's
adjustments, settings and ledger, warehouses opened and edited."""

import pytest
from django.core import mail

from emporium.dashboard.tests.catalog.support import texts, url
from emporium.inventory.models import StockMovement, Warehouse
from emporium.inventory.services import adjust_stock
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


# --- Stock rows -----------------------------------------------------------------


def test_the_list_shows_on_hand_reserved_available_and_low(owner, shop):
    StockFactory(
        offer__variant__product__shop=shop,
        offer__sku="MINE-1",
        quantity_on_hand=6,
        quantity_reserved=2,
        low_stock_threshold=5,
    )
    StockFactory(offer__sku="THEIRS-1")

    page = texts(owner.get(url("stock")))

    assert "MINE-1" in page
    assert "THEIRS-1" not in page
    assert "Low" in page


def test_the_list_filters_low_rows_and_warehouses(owner, shop):
    StockFactory(
        offer__variant__product__shop=shop, offer__sku="LOW-1", quantity_on_hand=1
    )
    high = StockFactory(
        offer__variant__product__shop=shop, offer__sku="HIGH-1", quantity_on_hand=50
    )

    low_only = texts(owner.get(url("stock"), {"low": "on"}))
    one_warehouse = texts(owner.get(url("stock"), {"warehouse": high.warehouse_id}))

    assert "LOW-1" in low_only
    assert "HIGH-1" not in low_only
    assert "HIGH-1" in one_warehouse
    assert "LOW-1" not in one_warehouse


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_for_2_and_20_rows(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    for _ in range(rows):
        StockFactory(offer__variant__product__shop=shop)

    # + the warehouse filter's choices, count, page
    with django_assert_num_queries(frame_queries + 3):
        response = owner.get(url("stock"))

    assert texts(response).count("/vendor/stock/") >= rows


def test_adjusting_books_the_ledger_with_who_and_why(owner, shop):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=10)

    response = owner.post(
        url("stock-adjust", stock.pk),
        {"delta": "-3", "reason": "adjustment", "note": "Broken"},
        follow=True,
    )

    movement = StockMovement.objects.get()
    assert (movement.delta, movement.quantity_after, movement.actor) == (
        -3,
        7,
        shop.owner,
    )
    page = texts(response)
    assert "Booked -3: 7 on hand." in page
    assert "Broken" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"delta": "-11", "reason": "adjustment"}, "Only 10 available"),
        ({"delta": "0", "reason": "receipt"}, "Enter a number other than 0."),
        ({"delta": "1", "reason": "sale"}, "Select a valid choice."),
    ],
)
def test_refused_adjustments_are_shown_and_book_nothing(owner, shop, data, message):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=10)

    response = owner.post(url("stock-adjust", stock.pk), data)

    assert response.status_code == 200
    assert message in texts(response)
    assert not StockMovement.objects.exists()


def test_an_htmx_adjustment_gets_the_page_with_the_panel(owner, shop):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=1)

    response = owner.post(
        url("stock-adjust", stock.pk),
        {"delta": "4", "reason": "receipt"},
        HTTP_HX_REQUEST="true",
        follow=True,
    )

    assert 'id="stock-panel"' in texts(response)


def test_an_adjustment_that_runs_the_row_low_emails_the_shop(
    owner, shop, django_capture_on_commit_callbacks
):
    stock = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=6, low_stock_threshold=5
    )

    with django_capture_on_commit_callbacks(execute=True):
        owner.post(
            url("stock-adjust", stock.pk), {"delta": "-1", "reason": "adjustment"}
        )

    (message,) = mail.outbox
    assert message.to == [shop.owner.email]
    assert f"/vendor/stock/{stock.pk}/?shop={shop.slug}" in message.body


def test_settings_change_the_threshold_and_backorders(owner, shop):
    stock = StockFactory(offer__variant__product__shop=shop)

    owner.post(
        url("stock-settings", stock.pk),
        {"low_stock_threshold": "2", "backorder_allowed": "on"},
    )

    stock.refresh_from_db()
    assert (stock.low_stock_threshold, stock.backorder_allowed) == (2, True)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_ledger_page_costs_the_same_for_2_and_20_movements(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=0)
    for _ in range(rows):
        adjust_stock(stock_id=stock.pk, delta=1, reason="receipt", actor=shop.owner)

    # + the row with its latest movements (2), the row's check, count, page
    with django_assert_num_queries(frame_queries + 5):
        response = owner.get(url("stock-detail", stock.pk))

    assert texts(response).count('<td class="px-4 py-2">Goods received</td>') == rows


# --- Warehouses -----------------------------------------------------------------


def test_open_then_edit_a_warehouse(owner, shop):
    owner.post(
        url("warehouse-create"),
        {"name": "Main", "code": "main", "country": "DE", "is_active": "on"},
    )
    warehouse = Warehouse.objects.get()
    owner.post(
        url("warehouse-edit", warehouse.pk),
        {"name": "Main store", "code": "main", "country": "AT", "city": "Wien"},
    )

    warehouse.refresh_from_db()
    assert warehouse.shop == shop
    assert (warehouse.name, warehouse.country.code, warehouse.city) == (
        "Main store",
        "AT",
        "Wien",
    )
    assert warehouse.is_active is False  # the box was not ticked


def test_a_code_the_shop_uses_is_refused_on_the_form(owner, shop):
    WarehouseFactory(shop=shop, code="main")

    response = owner.post(
        url("warehouse-create"), {"name": "Two", "code": "main", "country": "DE"}
    )

    assert "already has a warehouse with the code" in texts(response)
    assert Warehouse.objects.count() == 1


@pytest.mark.parametrize("rows", [2, 20])
def test_the_warehouse_list_costs_the_same_for_2_and_20(
    owner, shop, frame_queries, django_assert_num_queries, rows
):
    WarehouseFactory.create_batch(rows, shop=shop)

    with django_assert_num_queries(frame_queries + 2):
        owner.get(url("warehouses"))
