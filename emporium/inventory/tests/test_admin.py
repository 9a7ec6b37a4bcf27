"""The staff admin of shops, catalog and inventory opens and acts.

Here, not in vendors or catalog, because it needs every layer's factories.
"""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import CategoryFactory, VariantFactory
from emporium.inventory.tests.factories import StockFactory
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
        {"action": "mark_approved", "_selected_action": [shop.pk]},
    )

    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED
    assert ShopStatusEvent.objects.filter(shop=shop, to_status="approved").exists()
