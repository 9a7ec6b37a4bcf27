"""The checkout API: shipping methods, summary, placing, and every refusal.

Figures of `full_cart` are worked out in conftest.py.
"""

from decimal import Decimal

import pytest

from emporium.accounts.tests.factories import AddressFactory, UserFactory
from emporium.cart.models import CartLine
from emporium.cart.tests.factories import CartFactory
from emporium.catalog.models import Offer
from emporium.checkout.services import placing
from emporium.checkout.tests.conftest import fill, jwt_client
from emporium.inventory.models import Stock
from emporium.orders.models import Order
from emporium.pricing.models import Voucher

pytestmark = pytest.mark.django_db

CHECKOUT = "/api/v1/checkout/"
METHODS = "/api/v1/checkout/shipping-methods/"
SUMMARY = "/api/v1/checkout/summary/"
ADDRESS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Hauptstr. 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "de",
}
CARD = {
    "number": "4242 4242 4242 4242",
    "exp_month": 12,
    "exp_year": 2034,
    "cvc": "123",
}


def guest(cart, key: str | None = "key-1") -> dict[str, str]:
    headers = {"HTTP_X_CART_TOKEN": str(cart.token)}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return headers


def order_body(world, **changes) -> dict:
    return {
        "email": "guest@example.com",
        "shipping_address": ADDRESS,
        "shipping_method": world.standard.pk,
        "payment_method": "card",
        "card": CARD,
        **changes,
    }


def place(api_client, cart, world, *, key="key-1", **changes):
    """POST checkout/ as a guest; a change to None leaves the field out."""
    body = {k: v for k, v in order_body(world, **changes).items() if v is not None}
    return api_client.post(CHECKOUT, body, **guest(cart, key))


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    return body


# --- GET checkout/shipping-methods/ ------------------------------------------------


def test_shipping_methods_are_priced_for_the_cart(api_client, world, full_cart):
    response = api_client.get(METHODS, {"country": "DE"}, **guest(full_cart, None))

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": world.standard.pk,
            "name": "Standard",
            "description": "",
            "price": {"amount": "9.80", "currency": "EUR"},
            "is_free": False,
            "parcels": 2,
            "min_days": 2,
            "max_days": 3,
        },
        {
            "id": world.express.pk,
            "name": "Express",
            "description": "",
            "price": {"amount": "19.80", "currency": "EUR"},
            "is_free": False,
            "parcels": 2,
            "min_days": None,
            "max_days": None,
        },
    ]
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_shipping_methods_to_nowhere_are_an_empty_list(api_client, world, full_cart):
    response = api_client.get(METHODS, {"country": "JP"}, **guest(full_cart, None))

    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.parametrize(
    ("query", "code"), [({"country": "XX"}, "invalid_country"), ({}, "invalid")]
)
def test_shipping_methods_for_an_unknown_country_are_a_400(
    api_client, world, full_cart, query, code
):
    response = api_client.get(METHODS, query, **guest(full_cart, None))

    assert_error(response, 400, code)


# --- POST checkout/summary/ ----------------------------------------------------------


def test_the_summary_gives_the_figures_placing_would_freeze(
    api_client, world, full_cart
):
    response = api_client.post(
        SUMMARY,
        {"country": "DE", "shipping_method": world.standard.pk},
        **guest(full_cart, None),
    )

    assert response.status_code == 200
    body = response.json()
    assert {name: money["amount"] for name, money in body["totals"].items()} == {
        "subtotal": "54.00",
        "discount": "5.40",
        "shipping": "9.80",
        "net": "49.08",
        "tax": "9.32",
        "total": "58.40",
    }
    assert body["voucher"] == "SAVE10"
    assert body["shipping_method"]["name"] == "Standard"
    assert [line["tax"]["amount"] for line in body["lines"]] == ["3.45", "4.31"]
    assert body["can_place"] is True


def test_the_summary_says_what_changed_once(api_client, world, full_cart):
    Offer.objects.filter(pk=world.lamp.pk).update(price_amount=Decimal("31.00"))

    first = api_client.post(SUMMARY, {"country": "DE"}, **guest(full_cart, None))
    second = api_client.post(SUMMARY, {"country": "DE"}, **guest(full_cart, None))

    assert [m["code"] for m in first.json()["messages"]] == ["price_changed"]
    assert second.json()["messages"] == []


def test_a_summary_where_no_tax_rate_is_set_is_a_422(api_client, world, full_cart):
    response = api_client.post(SUMMARY, {"country": "CH"}, **guest(full_cart, None))

    assert_error(response, 422, "tax_rate_not_configured")


# --- POST checkout/ ------------------------------------------------------------------


def test_a_guest_places_and_pays_an_order(api_client, world, full_cart):
    response = place(api_client, full_cart, world)

    assert response.status_code == 201, response.content
    body = response.json()
    order = Order.objects.get()
    assert body["number"] == order.number
    assert body["status"] == "paid"
    assert body["totals"]["total"] == {"amount": "58.40", "currency": "EUR"}
    assert body["totals"]["tax"] == {"amount": "9.32", "currency": "EUR"}
    assert body["payment"]["status"] == "succeeded"
    assert body["payment"]["method"] == "card"
    assert body["payment_error"] is None
    assert body["replayed"] is False
    assert body["order_url"].startswith(f"http://testserver/orders/{order.number}/")
    assert "token=" in body["order_url"]
    assert api_client.get(body["order_url"]).status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not CartLine.objects.filter(cart=full_cart).exists()


def test_the_same_key_answers_the_same_order(api_client, world, full_cart):
    first = place(api_client, full_cart, world)

    again = place(api_client, full_cart, world)

    assert again.status_code == 201
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["replayed"] is True
    assert again["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1


def test_a_declined_card_answers_the_order_awaiting_payment(
    api_client, world, full_cart
):
    declined = {**CARD, "number": "4000 0000 0000 0002"}

    response = place(api_client, full_cart, world, card=declined)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "awaiting_payment"
    assert body["payment"]["status"] == "failed"
    assert body["payment"]["failure_code"] == "card_declined"


def test_a_card_asking_for_confirmation_answers_where_to_go(
    api_client, world, full_cart
):
    confirm = {**CARD, "number": "4000 0000 0000 3220"}

    response = place(api_client, full_cart, world, card=confirm)

    payment = response.json()["payment"]
    assert payment["status"] == "requires_action"
    assert payment["next_action"]["type"] == "redirect"
    assert "/payments/test/confirm/" in payment["next_action"]["url"]


def test_a_signed_in_buyer_orders_from_their_cart_to_a_saved_address(world):
    buyer = UserFactory(email="ann@example.com")
    address = AddressFactory(user=buyer, country="FR", city="Paris")
    fill(CartFactory(user=buyer), (world.lamp, 1))
    client = jwt_client(buyer)
    body = order_body(world, shipping_address_id=address.pk)
    del body["shipping_address"], body["email"]

    response = client.post(CHECKOUT, body, HTTP_IDEMPOTENCY_KEY="k")

    assert response.status_code == 201, response.content
    order = Order.objects.get()
    assert (order.customer_id, order.email) == (buyer.pk, "ann@example.com")
    assert order.shipping_address["city"] == "Paris"
    assert response.json()["order_url"] is None
    # 30.00 gross + 4.90 shipping, FR 20 %: 5.00 + 0.8167 -> 0.82.
    assert response.json()["totals"]["tax"]["amount"] == "5.82"


def test_another_buyers_address_is_a_404(world):
    buyer = UserFactory()
    fill(CartFactory(user=buyer), (world.lamp, 1))
    body = order_body(world, shipping_address_id=AddressFactory().pk)
    del body["shipping_address"]

    response = jwt_client(buyer).post(CHECKOUT, body, HTTP_IDEMPOTENCY_KEY="k")

    assert_error(response, 404, "address_not_found")


def test_without_an_idempotency_key_nothing_is_placed(api_client, world, full_cart):
    response = place(api_client, full_cart, world, key=None)

    body = assert_error(response, 400, "idempotency_key_required")
    assert "idempotency_key" in body["fields"]
    assert not Order.objects.exists()


def test_a_key_used_by_another_cart_is_a_409(api_client, world, full_cart):
    place(api_client, full_cart, world)
    other = fill(CartFactory(), (world.mug, 1))

    response = place(api_client, other, world)

    assert_error(response, 409, "idempotency_key_reused")
    assert Order.objects.count() == 1


def test_a_changed_cart_is_a_409_saying_what_changed(api_client, world, full_cart):
    Offer.objects.filter(pk=world.mug.pk).update(price_amount=Decimal("13.00"))

    response = place(api_client, full_cart, world)

    body = assert_error(response, 409, "cart_changed")
    assert "The price of Mug changed from €12.00 to €13.00." in body["detail"]
    assert place(api_client, full_cart, world).status_code == 201


def test_stock_taken_between_read_and_reservation_is_a_409(
    api_client, world, full_cart, monkeypatch
):
    real_read = placing.read_cart

    def read_then_sold_elsewhere(**kwargs):
        view = real_read(**kwargs)
        Stock.objects.filter(offer=world.lamp).update(quantity_on_hand=0)
        return view

    monkeypatch.setattr(placing, "read_cart", read_then_sold_elsewhere)

    response = place(api_client, full_cart, world)

    assert_error(response, 409, "out_of_stock")
    assert not Order.objects.exists()
    assert full_cart.lines.count() == 2  # nothing was taken from the cart


def test_an_empty_cart_is_a_400(api_client, world):
    response = place(api_client, CartFactory(), world)

    assert_error(response, 400, "cart_empty")


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({"email": None}, 400, "email_required", "email"),
        ({"shipping_method": None}, 400, "invalid", "shipping_method"),
        ({"shipping_address": None}, 400, "invalid", "non_field_errors"),
        ({"card": {**CARD, "number": "1234"}}, 400, "invalid_card", "card.number"),
        ({"card": {**CARD, "exp_year": 2001}}, 400, "invalid_card", "card.exp_year"),
        ({"payment_method": "cash_on_delivery"}, 400, "card_not_accepted", None),
        ({"payment_method": "bank_transfer"}, 422, "payment_method_unavailable", None),
        ({"payment_method": "bitcoin"}, 400, "invalid", "payment_method"),
        ({"shipping_method": 999999}, 422, "shipping_method_unavailable", None),
        (
            {"shipping_address": {**ADDRESS, "country": "CH"}},
            422,
            "tax_rate_not_configured",
            None,
        ),
    ],
)
def test_each_refusal_has_its_code_and_places_nothing(
    api_client, world, full_cart, changes, status, code, field
):
    response = place(api_client, full_cart, world, **changes)

    error = assert_error(response, status, code)
    if field:
        assert field in error["fields"]
    assert not Order.objects.exists()
    assert full_cart.lines.count() == 2


def test_a_used_up_voucher_is_dropped_and_said_before_placing(
    api_client, world, full_cart
):
    Voucher.objects.filter(code="SAVE10").update(usage_limit=1, times_used=1)

    response = place(api_client, full_cart, world)

    # The read drops the voucher and says so: the buyer reviews first.
    assert_error(response, 409, "cart_changed")
    assert place(api_client, full_cart, world).json()["totals"]["discount"] == {
        "amount": "0.00",
        "currency": "EUR",
    }


def test_a_voucher_this_guest_already_used_is_a_422(api_client, world, full_cart):
    Voucher.objects.filter(code="SAVE10").update(per_customer_limit=1)
    earlier = fill(CartFactory(voucher_code="SAVE10"), (world.lamp, 1))
    assert place(api_client, earlier, world, key="earlier").status_code == 201

    response = place(api_client, full_cart, world)

    assert_error(response, 422, "voucher_customer_limit_reached")


def test_cash_on_delivery_is_pending_with_instructions(api_client, world, full_cart):
    response = place(
        api_client, full_cart, world, payment_method="cash_on_delivery", card=None
    )

    payment = response.json()["payment"]
    assert payment["status"] == "pending"
    assert (
        payment["next_action"]["instructions"]["reference"]
        == (response.json()["number"])
    )


def test_the_schema_documents_checkout(api_client, world):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/checkout/"]["post"]
    assert operation["tags"] == ["checkout"]
    key = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert key["required"] is True
    assert {"201", "400", "404", "409", "422"} <= set(operation["responses"])
    assert "idempotency_key_reused" in operation["responses"]["409"]["description"]
    for path in ("/api/v1/checkout/shipping-methods/", "/api/v1/checkout/summary/"):
        assert path in schema["paths"]
