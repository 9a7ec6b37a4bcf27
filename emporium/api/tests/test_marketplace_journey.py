"""The marketplace end to end through the REST API only: a user applies to
open a shop, staff approve it, the new vendor lists a first product, a guest
orders from it and from an established shop, each vendor ships its part,
and the order becomes fulfilled, then delivered; commissions land in each
shop's ledger.

Figures: Tea Pot 40.00 (the new shop, the default 10 % commission) and Mug
12.00 x 2 (North, 10 %), gross prices, shipped Standard (4.90 a parcel,
free from 50.00) to Germany (19 %): 40.00 + 4.90 + 24.00 + 4.90 = 73.80.
"""

from decimal import Decimal

import pytest
from django.core import mail
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.inventory.tests.factories import StockFactory
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.pricing.tests.factories import TaxRateFactory
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingZoneFactory,
)
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
BERLIN = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Hauptstr. 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "DE",
}
CARD = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2034}


def as_user(user) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content
    return response.json() if response.content else {}


@pytest.fixture
def market(settings):
    """An approved shop already selling, tax and shipping for Germany."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    TaxRateFactory(country="DE", rate=Decimal("19"))
    zone = ShippingZoneFactory(name="Germany", countries=["DE"])
    standard = ShippingMethodFactory(
        zone=zone,
        name="Standard",
        price_amount=Decimal("4.90"),
        free_above_amount=Decimal("50.00"),
    )
    north = ShopFactory(name="North", slug="north", commission_rate=Decimal("10"))
    mug = OfferFactory(
        variant=VariantFactory(
            product=ProductFactory(shop=north, title="Mug"), is_default=True
        ),
        price_amount=Decimal("12.00"),
    )
    StockFactory(offer=mug, quantity_on_hand=10)
    return {"north": north, "mug": mug, "standard": standard}


def test_apply_approve_list_sell_ship_and_fulfil(
    market, django_capture_on_commit_callbacks
):
    applicant = as_user(UserFactory(email="tess@example.com"))
    staff = as_user(UserFactory(is_staff=True))
    north = as_user(market["north"].owner)
    category = CategoryFactory(name="Kitchen")

    # 1. A user applies to open a shop; staff approve it.
    shop = ok(
        applicant.post(
            f"{API}/vendor/shop-applications/",
            {
                "name": "Tea House",
                "description": "Loose tea.",
                "accept_commission": True,
            },
            format="json",
        ),
        201,
    )
    assert shop["status"] == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        ok(staff.post(f"{API}/staff/shops/{shop['slug']}/approve/"))
    assert any("Tea House" in m.subject for m in mail.outbox)  # "is open" email

    # 2. The new vendor lists its first product with stock.
    warehouse = ok(
        applicant.post(
            f"{API}/vendor/warehouses/",
            {"name": "Back room", "code": "main", "country": "DE"},
            format="json",
        ),
        201,
    )
    product = ok(
        applicant.post(
            f"{API}/vendor/products/",
            {"title": "Tea Pot", "category": category.pk, "status": "active"},
            format="json",
        ),
        201,
    )
    variant_id = product["variants"][0]["id"]
    teapot = ok(
        applicant.post(
            f"{API}/vendor/offers/",
            {
                "variant": variant_id,
                "sku": "POT-1",
                "price": "40.00",
                "currency": "EUR",
                "warehouse": warehouse["id"],
                "quantity": 3,
            },
            format="json",
        ),
        201,
    )
    assert ok(APIClient().get(f"{API}/products/{product['slug']}/"))["title"] == (
        "Tea Pot"
    )

    # 3. A guest buys from both shops and pays with the test card.
    buyer = APIClient()
    added = buyer.post(
        f"{API}/cart/items/", {"offer": teapot["id"], "quantity": 1}, format="json"
    )
    assert ok(added, 201)["token"] == added["X-Cart-Token"]
    buyer.credentials(HTTP_X_CART_TOKEN=added["X-Cart-Token"])
    ok(
        buyer.post(
            f"{API}/cart/items/",
            {"offer": market["mug"].pk, "quantity": 2},
            format="json",
        ),
        201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        placed = ok(
            buyer.post(
                f"{API}/checkout/",
                {
                    "email": "guest@example.com",
                    "shipping_address": BERLIN,
                    "shipping_method": market["standard"].pk,
                    "payment_method": "card",
                    "card": {**CARD, "cvc": "123"},
                },
                format="json",
                HTTP_IDEMPOTENCY_KEY="journey-1",
            ),
            201,
        )
    assert placed["status"] == "paid"
    assert placed["totals"]["total"]["amount"] == "73.80"
    order = Order.objects.get(number=placed["number"])

    # 4. Each vendor sees its own part only, and ships it.
    (tea_part,) = ok(applicant.get(f"{API}/vendor/fulfilments/"))["results"]
    (north_part,) = ok(north.get(f"{API}/vendor/fulfilments/"))["results"]
    assert tea_part["order_number"] == north_part["order_number"] == order.number
    assert tea_part["id"] != north_part["id"]
    refused = applicant.get(f"{API}/vendor/fulfilments/{north_part['id']}/")
    assert refused.status_code == 404
    detail = ok(applicant.get(f"{API}/vendor/fulfilments/{tea_part['id']}/"))
    assert [line["sku"] for line in detail["lines"]] == ["POT-1"]

    with django_capture_on_commit_callbacks(execute=True):
        ok(
            applicant.post(
                f"{API}/vendor/fulfilments/{tea_part['id']}/ship/",
                {
                    "carrier": "DHL",
                    "tracking_number": "TEA123",
                    "tracking_url": "https://track.example/TEA123",
                },
                format="json",
            )
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            north.post(
                f"{API}/vendor/fulfilments/{north_part['id']}/ship/",
                {"carrier": "UPS", "tracking_number": "MUG9"},
                format="json",
            )
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    shipped_mails = [m for m in mail.outbox if m.to == ["guest@example.com"]]
    assert any("TEA123" in m.body for m in shipped_mails)

    # 5. Both parts delivered: the order is delivered; the money is booked.
    with django_capture_on_commit_callbacks(execute=True):
        ok(applicant.post(f"{API}/vendor/fulfilments/{tea_part['id']}/deliver/"))
        ok(north.post(f"{API}/vendor/fulfilments/{north_part['id']}/deliver/"))
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    # Each shop: its lines and its parcel's shipping, less commission on the
    # lines' net (10 %): Tea House 40.00 + 4.90 - 3.36 (of 33.61), North
    # 24.00 + 4.90 - 2.02 (of 20.17); delivered, so available at once.
    (tea_balance,) = ok(applicant.get(f"{API}/vendor/balance/"))["balances"]
    (north_balance,) = ok(north.get(f"{API}/vendor/balance/"))["balances"]
    assert (tea_balance["currency"], tea_balance["available"]) == ("EUR", "41.54")
    assert (north_balance["available"], north_balance["pending"]) == ("26.88", "0.00")
