"""The storefront checkout: the page, placing with a one-time token, paying
again after a decline, the confirmation, and "Order again" in My Account.

Figures of `full_cart` are worked out in conftest.py.
"""

import re

import pytest
from django.test import Client

from emporium.accounts.tests.factories import AddressFactory, UserFactory
from emporium.cart.constants import CART_COOKIE
from emporium.cart.models import CartLine
from emporium.cart.tests.factories import CartFactory
from emporium.catalog.models import Offer
from emporium.checkout.tests.conftest import fill
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order

pytestmark = pytest.mark.django_db

PAGE = "/checkout/"
NEW_ADDRESS = {
    "email": "guest@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Hauptstr. 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "DE",
}
CARD = {"card_number": "4242 4242 4242 4242", "card_expiry": "12/34", "card_cvc": "123"}


@pytest.fixture
def buyer_client(full_cart) -> Client:
    client = Client()
    client.cookies[CART_COOKIE] = str(full_cart.token)
    return client


def form_token(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


def fresh_token(client: Client) -> str:
    return form_token(client.get(PAGE))


def place(client: Client, world, token: str | None = None, **changes):
    data = {
        **NEW_ADDRESS,
        "shipping_method": world.standard.pk,
        "payment_method": "card",
        **CARD,
        "action": "place",
        "token": token if token is not None else fresh_token(client),
        **changes,
    }
    return client.post(PAGE, data)


def test_the_page_shows_the_cart_and_is_never_cached(buyer_client, world):
    response = buyer_client.get(PAGE)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Mug" in html
    assert "Lamp" in html
    assert "Enter your address to see the shipping methods." in html
    assert 'name="token"' in html
    assert "4242 4242 4242 4242" in html  # the test cards are hinted


def test_an_empty_cart_has_nothing_to_check_out(client, world):
    response = client.get(PAGE)

    assert "Your cart is empty" in response.content.decode()


def test_the_options_follow_the_country_and_method(buyer_client, world):
    response = buyer_client.get(
        "/checkout/options/", {"country": "DE", "shipping_method": world.express.pk}
    )

    html = response.content.decode()
    assert 'id="shipping-methods"' in html
    assert 'id="checkout-summary"' in html
    assert "€9.80" in html
    assert "€19.80" in html
    # Express chosen: 48.60 + 19.80 = 68.40.
    assert re.search(r"data-total>€68.40<", html)
    assert "no-store" in response["Cache-Control"]


def test_without_javascript_a_refresh_shows_the_methods_for_the_country(
    buyer_client, world
):
    data = {**NEW_ADDRESS, "action": "refresh", "token": fresh_token(buyer_client)}

    response = buyer_client.post(PAGE, data)

    assert response.status_code == 200
    assert "Standard" in response.content.decode()
    assert not Order.objects.exists()


def test_placing_pays_and_leads_to_the_confirmation(buyer_client, world, full_cart):
    response = place(buyer_client, world)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checkout/complete/{order.number}/"
    assert order.status == OrderStatus.PAID
    assert not CartLine.objects.filter(cart=full_cart).exists()
    page = buyer_client.get(response["Location"])
    html = page.content.decode()
    assert "Thank you for your order" in html
    assert order.number in html
    assert "€58.40" in html
    assert f"/orders/{order.number}/?token=" in html  # the guest's signed link
    assert "no-store" in page["Cache-Control"]


def test_a_double_submit_gets_the_same_order(buyer_client, world):
    token = fresh_token(buyer_client)

    first = place(buyer_client, world, token=token)
    second = place(buyer_client, world, token=token)

    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_token_this_session_never_issued_places_nothing(buyer_client, world):
    response = place(buyer_client, world, token="made-up")

    assert response.status_code == 200
    assert "This page had expired" in response.content.decode()
    assert not Order.objects.exists()


def test_missing_address_fields_are_shown_and_nothing_is_placed(buyer_client, world):
    response = place(buyer_client, world, line1="", city="")

    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2
    assert not Order.objects.exists()


def test_paying_by_card_needs_the_card_and_other_methods_do_not(buyer_client, world):
    blank = {"card_number": "", "card_expiry": "", "card_cvc": ""}

    response = place(buyer_client, world, **blank)

    assert response.content.decode().count("This field is required.") == 3
    assert not Order.objects.exists()
    place(buyer_client, world, payment_method="cash_on_delivery", **blank)
    assert Order.objects.count() == 1


def test_a_bad_card_number_is_shown_on_its_field(buyer_client, world):
    response = place(buyer_client, world, card_number="4242 4242 4242 4241")

    assert "This is not a valid card number." in response.content.decode()
    assert not Order.objects.exists()


def test_a_changed_cart_shows_what_changed_and_places_nothing(buyer_client, world):
    token = fresh_token(buyer_client)
    Offer.objects.filter(pk=world.mug.pk).update(price_amount="13.00")

    response = place(buyer_client, world, token=token)

    assert response.status_code == 200
    assert "The price of Mug changed from €12.00 to €13.00." in (
        response.content.decode()
    )
    assert not Order.objects.exists()


def test_a_declined_card_keeps_the_order_and_a_retry_pays_it(buyer_client, world):
    response = place(buyer_client, world, card_number="4000 0000 0000 0002")

    order = Order.objects.get()
    assert response["Location"] == f"/checkout/pay/{order.number}/"
    assert order.status == OrderStatus.AWAITING_PAYMENT
    page = buyer_client.get(response["Location"]).content.decode()
    assert "Your card was declined." in page
    assert order.number in page

    retry = buyer_client.post(response["Location"], {"payment_method": "card", **CARD})

    assert retry["Location"] == f"/checkout/complete/{order.number}/"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    # Paid: the payment page now sends to the confirmation.
    assert buyer_client.get(response["Location"])["Location"] == retry["Location"]


def test_a_card_asking_for_confirmation_goes_there_and_comes_back(buyer_client, world):
    response = place(buyer_client, world, card_number="4000 0000 0000 3220")

    assert "/payments/test/confirm/" in response["Location"]
    order = Order.objects.get()
    confirm = response["Location"].removeprefix("http://testserver")
    back = buyer_client.post(confirm, {"outcome": "complete"})
    assert back["Location"] == f"http://testserver/checkout/return/{order.number}/"

    done = buyer_client.get(f"/checkout/return/{order.number}/")

    assert done["Location"] == f"/checkout/complete/{order.number}/"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_another_visitor_cannot_open_the_order(buyer_client, world):
    place(buyer_client, world)
    number = Order.objects.get().number

    for path in (f"/checkout/complete/{number}/", f"/checkout/pay/{number}/"):
        assert Client().get(path).status_code == 404


def test_cash_on_delivery_says_what_happens_next(buyer_client, world):
    response = place(buyer_client, world, payment_method="cash_on_delivery")

    page = buyer_client.get(response["Location"]).content.decode()
    assert "You pay €58.40 to the carrier when your parcel arrives." in page


def test_a_voucher_applied_on_the_page_comes_back_to_it(buyer_client, world):
    response = buyer_client.post("/checkout/voucher/remove/")
    assert response["Location"] == PAGE

    applied = buyer_client.post(
        "/checkout/voucher/", {"code": "save10", "country": "DE"}, HTTP_HX_REQUEST="1"
    )

    html = applied.content.decode()
    assert "The voucher SAVE10 is applied." in html
    assert re.search(r"data-discount>&minus;€5.40<", html)


def test_a_signed_in_buyer_ships_to_a_saved_address(world):
    buyer = UserFactory(email="ann@example.com")
    address = AddressFactory(user=buyer, country="FR", is_default_shipping=True)
    fill(CartFactory(user=buyer), (world.lamp, 1))
    client = Client()
    client.force_login(buyer)

    page = client.get(PAGE).content.decode()
    assert str(address) in page
    response = place(
        client, world, email="", address=str(address.pk), first_name="", city=""
    )

    order = Order.objects.get()
    assert response["Location"] == f"/checkout/complete/{order.number}/"
    assert (order.email, order.shipping_address["country"]) == ("ann@example.com", "FR")


def test_order_again_puts_the_items_back_in_the_cart(world):
    buyer = UserFactory()
    fill(CartFactory(user=buyer), (world.mug, 2))
    client = Client()
    client.force_login(buyer)
    place(client, world, email="")
    order = Order.objects.get()
    detail = client.get(f"/account/orders/{order.number}/").content.decode()
    assert f'action="/checkout/reorder/{order.number}/"' in detail

    response = client.post(f"/checkout/reorder/{order.number}/", follow=True)

    assert response.redirect_chain[-1][0] == "/cart/"
    assert f"Items of order {order.number} are in your cart." in (
        response.content.decode()
    )
    assert list(CartLine.objects.values_list("offer_id", "quantity")) == [
        (world.mug.pk, 2)
    ]


def test_order_again_of_another_buyers_order_is_a_404(world):
    owner = UserFactory()
    fill(CartFactory(user=owner), (world.mug, 1))
    owner_client = Client()
    owner_client.force_login(owner)
    place(owner_client, world, email="")
    stranger = Client()
    stranger.force_login(UserFactory())

    response = stranger.post(f"/checkout/reorder/{Order.objects.get().number}/")

    assert response.status_code == 404
    assert not CartLine.objects.exists()
