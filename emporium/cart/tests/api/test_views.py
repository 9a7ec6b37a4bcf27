"""The cart API: every route, guests and JWT users, refusals, the merge."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.tests.factories import UserFactory
from emporium.cart.models import Cart, CartLine
from emporium.cart.tests.factories import CartFactory, CartLineFactory, stocked_offer
from emporium.catalog.models import Offer
from emporium.pricing.tests.factories import VoucherFactory

pytestmark = pytest.mark.django_db

CART = "/api/v1/cart/"
ITEMS = "/api/v1/cart/items/"
VOUCHER = "/api/v1/cart/voucher/"


def item(line_id: int) -> str:
    return f"{ITEMS}{line_id}/"


def jwt_client(user) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def guest(cart: Cart) -> dict[str, str]:
    return {"HTTP_X_CART_TOKEN": str(cart.token)}


# --- GET /cart/ -------------------------------------------------------------------


def test_a_guest_without_a_cart_reads_an_empty_one_and_none_is_made(api_client):
    response = api_client.get(CART)

    assert response.status_code == 200
    body = response.json()
    assert (body["lines"], body["token"], body["item_count"]) == ([], None, 0)
    assert body["subtotal"] == {"amount": "0.00", "currency": "EUR"}
    assert "X-Cart-Token" not in response
    assert not Cart.objects.exists()


@pytest.mark.parametrize(
    "token", ["not-a-uuid", "6f1c1f5e-0000-4000-8000-000000000000"]
)
def test_an_unknown_token_reads_as_no_cart(api_client, token):
    response = api_client.get(CART, HTTP_X_CART_TOKEN=token)

    assert (response.status_code, response.json()["lines"]) == (200, [])


def test_the_read_shows_each_line_and_a_price_change_once(api_client):
    offer = stocked_offer("12.00")
    line = CartLineFactory(offer=offer, quantity=2, price_seen_amount="10.00")

    body = api_client.get(CART, **guest(line.cart)).json()
    again = api_client.get(CART, **guest(line.cart)).json()

    shown = body["lines"][0]
    assert shown["offer"]["id"] == offer.pk
    assert shown["product"]["slug"] == offer.variant.product.slug
    assert shown["unit_price"] == {"amount": "12.00", "currency": "EUR"}
    assert shown["total"] == {"amount": "24.00", "currency": "EUR"}
    assert shown["status"] == "price_changed"
    assert shown["previous_unit_price"]["amount"] == "10.00"
    assert [m["code"] for m in body["messages"]] == ["price_changed"]
    assert body["messages"][0]["line_id"] == line.pk
    assert (again["lines"][0]["status"], again["messages"]) == ("ok", [])


def test_reading_takes_the_same_number_of_queries_for_1_and_10_lines(api_client):
    def queries_for(count: int) -> int:
        cart = CartFactory()
        for _ in range(count):
            CartLineFactory(cart=cart, offer=stocked_offer())
        with CaptureQueriesContext(connection) as captured:
            assert api_client.get(CART, **guest(cart)).status_code == 200
        return len(captured)

    assert queries_for(1) == queries_for(10)


def test_a_bad_jwt_is_refused_rather_than_read_as_a_guest(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.jwt")

    response = api_client.get(CART)

    assert (response.status_code, response.json()["code"]) == (401, "token_not_valid")


# --- POST /cart/items/ ------------------------------------------------------------


def test_a_guests_first_add_creates_the_cart_and_returns_its_token(api_client):
    offer = stocked_offer("9.99")

    response = api_client.post(ITEMS, {"offer": offer.pk, "quantity": 2})

    assert response.status_code == 201
    cart = Cart.objects.get()
    assert response["X-Cart-Token"] == str(cart.token) == response.json()["token"]
    assert response.json()["subtotal"]["amount"] == "19.98"
    follow = api_client.post(ITEMS, {"offer": offer.pk, "quantity": 1}, **guest(cart))
    assert "X-Cart-Token" not in follow
    assert CartLine.objects.get().quantity == 3


def test_an_add_with_a_stale_token_starts_a_new_cart_with_a_new_token(api_client):
    offer = stocked_offer()

    response = api_client.post(
        ITEMS,
        {"offer": offer.pk, "quantity": 1},
        HTTP_X_CART_TOKEN="6f1c1f5e-0000-4000-8000-000000000000",
    )

    assert response.status_code == 201
    assert response["X-Cart-Token"] == str(Cart.objects.get().token)


def test_an_add_by_sku_takes_the_best_offer(api_client):
    offer = stocked_offer(sku="TEA-1")

    response = api_client.post(ITEMS, {"sku": "TEA-1", "quantity": 1})

    assert response.status_code == 201
    assert response.json()["lines"][0]["offer"]["id"] == offer.pk


@pytest.mark.parametrize(
    "payload",
    [
        {"quantity": 1},
        {"offer": 1, "sku": "A", "quantity": 1},
        {"offer": 1, "quantity": 0},
        {"offer": 1, "quantity": 1000},
        {"offer": "x", "quantity": 1},
    ],
)
def test_a_malformed_add_is_400(api_client, payload):
    response = api_client.post(ITEMS, payload)

    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert not Cart.objects.exists()


@pytest.mark.parametrize(
    ("stock", "quantity", "status", "code"),
    [
        (0, 1, 409, "out_of_stock"),
        (2, 3, 409, "insufficient_stock"),
    ],
)
def test_an_add_past_the_stock_is_409_and_makes_no_cart(
    api_client, stock, quantity, status, code
):
    offer = stocked_offer(stock=stock)

    response = api_client.post(ITEMS, {"offer": offer.pk, "quantity": quantity})

    assert (response.status_code, response.json()["code"]) == (status, code)
    if stock:
        assert "Only 2 " in response.json()["detail"]
    assert not Cart.objects.exists()
    assert "X-Cart-Token" not in response


@pytest.mark.parametrize(
    ("payload", "code"),
    [({"offer": 999_999}, "offer_not_found"), ({"sku": "NONE"}, "sku_not_found")],
)
def test_an_add_of_something_not_sold_is_404(api_client, payload, code):
    response = api_client.post(ITEMS, {**payload, "quantity": 1})

    assert (response.status_code, response.json()["code"]) == (404, code)


def test_an_ambiguous_sku_is_409(api_client):
    stocked_offer(sku="DUP")
    stocked_offer(sku="DUP")

    response = api_client.post(ITEMS, {"sku": "DUP", "quantity": 1})

    assert (response.status_code, response.json()["code"]) == (409, "ambiguous_sku")


def test_a_jwt_users_add_goes_to_their_cart_without_a_token():
    user = UserFactory()

    response = jwt_client(user).post(
        ITEMS, {"offer": stocked_offer().pk, "quantity": 1}
    )

    assert response.status_code == 201
    assert "X-Cart-Token" not in response
    assert response.json()["token"] is None
    assert Cart.objects.get().user == user


def test_a_guest_token_sent_with_a_jwt_merges_into_the_users_cart():
    user = UserFactory()
    offer = stocked_offer(stock=10)
    CartLineFactory(cart=CartFactory(user=user), offer=offer, quantity=1)
    guest_cart = CartLineFactory(offer=offer, quantity=2).cart
    client = jwt_client(user)

    body = client.get(CART, **guest(guest_cart)).json()

    assert [line["quantity"] for line in body["lines"]] == [3]
    assert [m["code"] for m in body["messages"]] == ["carts_merged"]
    assert not Cart.objects.filter(pk=guest_cart.pk).exists()
    assert APIClient().get(CART, **guest(guest_cart)).json()["lines"] == []


# --- PATCH / DELETE /cart/items/{id}/ -----------------------------------------------


def test_patch_sets_the_quantity(api_client):
    line = CartLineFactory(offer=stocked_offer(), quantity=1)

    response = api_client.patch(item(line.pk), {"quantity": 4}, **guest(line.cart))

    assert response.status_code == 200
    assert response.json()["lines"][0]["quantity"] == 4


def test_patch_to_zero_removes_the_item(api_client):
    line = CartLineFactory(offer=stocked_offer())

    response = api_client.patch(item(line.pk), {"quantity": 0}, **guest(line.cart))

    assert (response.status_code, response.json()["lines"]) == (200, [])


def test_patch_past_the_stock_is_409(api_client):
    line = CartLineFactory(offer=stocked_offer(stock=2))

    response = api_client.patch(item(line.pk), {"quantity": 3}, **guest(line.cart))

    assert (response.status_code, response.json()["code"]) == (
        409,
        "insufficient_stock",
    )


def test_patch_with_a_negative_quantity_is_400(api_client):
    line = CartLineFactory(offer=stocked_offer())

    response = api_client.patch(item(line.pk), {"quantity": -1}, **guest(line.cart))

    assert response.status_code == 400


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_line_of_another_cart_is_404_and_untouched(api_client, method):
    mine = CartFactory()
    theirs = CartLineFactory(offer=stocked_offer(), quantity=2)

    response = getattr(api_client, method)(
        item(theirs.pk), {"quantity": 1}, **guest(mine)
    )

    assert (response.status_code, response.json()["code"]) == (
        404,
        "cart_line_not_found",
    )
    assert CartLine.objects.get(pk=theirs.pk).quantity == 2


def test_a_line_of_another_users_cart_is_404_for_a_jwt_user():
    theirs = CartLineFactory(
        cart=CartFactory(user=UserFactory()), offer=stocked_offer()
    )

    response = jwt_client(UserFactory()).delete(item(theirs.pk))

    assert response.status_code == 404
    assert CartLine.objects.filter(pk=theirs.pk).exists()


def test_delete_removes_the_item(api_client):
    line = CartLineFactory(offer=stocked_offer())

    response = api_client.delete(item(line.pk), **guest(line.cart))

    assert (response.status_code, response.json()["lines"]) == (200, [])


# --- POST / DELETE /cart/voucher/ ----------------------------------------------------


def test_a_voucher_applies_and_comes_off(api_client):
    line = CartLineFactory(offer=stocked_offer("50.00"))
    VoucherFactory(code="TENOFF", value=Decimal("10"))

    applied = api_client.post(VOUCHER, {"code": "tenoff"}, **guest(line.cart))
    removed = api_client.delete(VOUCHER, **guest(line.cart))

    assert applied.status_code == 200
    assert applied.json()["voucher"] == {
        "code": "TENOFF",
        "discount": {"amount": "5.00", "currency": "EUR"},
    }
    assert applied.json()["total"]["amount"] == "45.00"
    assert (removed.status_code, removed.json()["voucher"]) == (200, None)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("UNKNOWN", "voucher_not_found"), ("MIN100", "voucher_minimum_not_met")],
)
def test_a_refused_voucher_is_422_with_pricings_code(api_client, code, expected):
    line = CartLineFactory(offer=stocked_offer("50.00"))
    VoucherFactory(code="MIN100", min_subtotal_amount=Decimal("100"))

    response = api_client.post(VOUCHER, {"code": code}, **guest(line.cart))

    assert (response.status_code, response.json()["code"]) == (422, expected)


def test_an_empty_voucher_code_is_400(api_client):
    assert api_client.post(VOUCHER, {"code": ""}).status_code == 400


def test_a_voucher_dropped_by_a_read_is_reported_once(api_client):
    line = CartLineFactory(offer=stocked_offer("60.00"))
    VoucherFactory(code="MIN50", min_subtotal_amount=Decimal("50"))
    api_client.post(VOUCHER, {"code": "MIN50"}, **guest(line.cart))
    Offer.objects.filter(pk=line.offer_id).update(price_amount=Decimal("20.00"))

    body = api_client.get(CART, **guest(line.cart)).json()

    assert body["voucher"] is None
    assert "voucher_removed" in [m["code"] for m in body["messages"]]


# --- Schema ---------------------------------------------------------------------------


def test_the_schema_lists_the_cart_routes_under_the_cart_tag(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    routes = {
        path: {m for m in item if m in {"get", "post", "patch", "delete"}}
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/cart/")
    }
    assert routes == {
        "/api/v1/cart/": {"get"},
        "/api/v1/cart/items/": {"post"},
        "/api/v1/cart/items/{id}/": {"patch", "delete"},
        "/api/v1/cart/voucher/": {"post", "delete"},
    }
    add = schema["paths"]["/api/v1/cart/items/"]["post"]
    assert add["tags"] == ["cart"]
    assert "X-Cart-Token" in add["responses"]["201"]["headers"]
    assert "out_of_stock" in add["responses"]["409"]["description"]
