"""The staff admin of shops, catalog and inventory opens and acts.

Here, not in vendors or catalog, because it needs every layer's factories.
"""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.inventory.models import Stock
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import ShopStatusEvent
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "vendors.shop",
    "catalog.category",
    "catalog.brand",
    "catalog.product",
    "catalog.offer",
    "catalog.option",
    "catalog.attribute",
    "catalog.collection",
    "inventory.warehouse",
    "inventory.stock",
    "inventory.stockmovement",
]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_changelist_opens(staff_client, model):
    StockFactory(offer__variant=VariantFactory(product__category=CategoryFactory()))
    app, name = model.split(".")

    listing = staff_client.get(reverse(f"admin:{app}_{name}_changelist"))

    assert listing.status_code == 200


@pytest.mark.parametrize(
    "model", ["vendors.shop", "catalog.product", "inventory.stock"]
)
def test_change_page_opens(staff_client, model):
    stock = StockFactory()
    objects = {
        "vendors.shop": stock.offer.shop,
        "catalog.product": stock.offer.variant.product,
        "inventory.stock": stock,
    }
    app, name = model.split(".")

    page = staff_client.get(
        reverse(f"admin:{app}_{name}_change", args=[objects[model].pk])
    )

    assert page.status_code == 200


def test_approve_action_goes_through_transition_shop(staff_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    staff_client.post(
        reverse("admin:vendors_shop_changelist"),
        {"action": "approve_shop", "_selected_action": [shop.pk]},
    )

    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED
    assert ShopStatusEvent.objects.filter(shop=shop, to_status="approved").exists()


def _stock_form(offer, warehouse, **overrides) -> dict:
    return {
        "offer": offer.pk,
        "warehouse": warehouse.pk,
        "quantity_on_hand": 4,
        "low_stock_threshold": 2,
        "movements-TOTAL_FORMS": 0,
        "movements-INITIAL_FORMS": 0,
        **overrides,
    }


def test_adding_stock_in_another_shops_warehouse_is_a_form_error(staff_client):
    offer = OfferFactory()
    elsewhere = WarehouseFactory()  # of another shop

    response = staff_client.post(
        reverse("admin:inventory_stock_add"), _stock_form(offer, elsewhere)
    )

    assert response.status_code == 200
    assert "another shop than the offer" in response.text
    assert not Stock.objects.exists()


def test_adding_stock_writes_the_opening_ledger_row(staff_client):
    offer = OfferFactory()
    warehouse = WarehouseFactory(shop=offer.shop)

    staff_client.post(
        reverse("admin:inventory_stock_add"), _stock_form(offer, warehouse)
    )

    stock = Stock.objects.get()
    assert stock.quantity_on_hand == 4
    assert stock.movements.get().delta == 4


def test_changing_stock_settings_publishes_stock_updated(staff_client):
    stock = StockFactory(backorder_allowed=False)
    url = reverse("admin:inventory_stock_change", args=[stock.pk])

    staff_client.post(
        url,
        {
            "backorder_allowed": "on",
            "low_stock_threshold": 9,
            "movements-TOTAL_FORMS": 0,
            "movements-INITIAL_FORMS": 0,
        },
    )

    stock.refresh_from_db()
    assert stock.backorder_allowed is True
    assert stock.low_stock_threshold == 9
    assert OutboxEvent.objects.filter(name="stock.updated").exists()
