"""The storefront cart: /cart/ page, add from product pages, mini-cart,
htmx and plain-form paths, the cookie, the same-origin guard, log-in merge."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from emporium.cart.constants import CART_COOKIE
from emporium.cart.models import Cart, CartLine
from emporium.cart.tests.factories import CartFactory, CartLineFactory, stocked_offer
from emporium.catalog.models import Offer
from emporium.pricing.tests.factories import VoucherFactory
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def add(client: Client, offer: Offer, quantity: int = 1, **headers):
    data = {"offer": offer.pk, "quantity": quantity}
    return client.post(reverse("cart:add"), data, **{**SAME_ORIGIN, **headers})


def with_cart(client: Client, cart: Cart) -> Client:
    client.cookies[CART_COOKIE] = str(cart.token)
    return client


# --- The page ----------------------------------------------------------------------


def test_the_empty_cart_page_creates_no_cart_and_sets_no_cookie(client):
    response = client.get(reverse("cart:detail"))

    assert response.status_code == 200
    assert "Your cart is empty" in response.text
    assert CART_COOKIE not in response.cookies
    assert not Cart.objects.exists()


def test_the_cart_page_is_never_cached(client):
    cart = CartLineFactory(offer=stocked_offer()).cart

    response = with_cart(client, cart).get(reverse("cart:detail"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_the_cart_page_lists_lines_totals_and_links_to_checkout(client):
    offer = stocked_offer("12.50")
    cart = CartLineFactory(offer=offer, quantity=2).cart

    html = with_cart(client, cart).get(reverse("cart:detail")).text

    assert offer.variant.product.title in html
    assert offer.shop.name in html
    assert "€12.50 each" in html
    assert "€25.00" in html
    assert 'href="/checkout/"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_page_tells_a_price_change_once(client):
    cart = CartLineFactory(offer=stocked_offer("12.00"), price_seen_amount="10.00").cart
    with_cart(client, cart)

    first = client.get(reverse("cart:detail")).text
    second = client.get(reverse("cart:detail")).text

    assert "changed from €10.00 to €12.00" in first
    assert "The price of" not in second


def test_an_unavailable_line_blocks_checkout(client):
    line = CartLineFactory(offer=stocked_offer(stock=0))

    html = with_cart(client, line.cart).get(reverse("cart:detail")).text

    assert "is sold out" in html
    assert 'href="/checkout/"' not in html


def test_a_stale_cookie_is_dropped(client):
    client.cookies[CART_COOKIE] = "6f1c1f5e-0000-4000-8000-000000000000"

    response = client.get(reverse("cart:detail"))

    assert response.cookies[CART_COOKIE]["max-age"] == 0


# --- Add (from cached product pages) ------------------------------------------------


def test_adding_without_javascript_sets_the_cookie_and_shows_the_cart(client):
    offer = stocked_offer()

    response = add(client, offer, 2)

    assert response.status_code == 302
    assert response["Location"] == "/cart/"
    cart = Cart.objects.get()
    cookie = response.cookies[CART_COOKIE]
    assert cookie.value == str(cart.token)
    assert (cookie["httponly"], cookie["samesite"], cookie["secure"]) == (
        True,
        "Lax",
        "",
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Added 2 x {offer.variant.product.title} to your cart."
    ]
    assert CartLine.objects.get().quantity == 2


def test_the_cookie_is_secure_where_session_cookies_are(client, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = add(client, stocked_offer())

    assert response.cookies[CART_COOKIE]["secure"] is True


def test_adding_with_htmx_answers_a_notice_and_refreshes_the_mini_cart(client):
    response = add(client, stocked_offer(), **HTMX)

    assert response.status_code == 200
    assert response["HX-Trigger"] == "cart-changed"
    assert "Added 1 x" in response.text
    assert "View cart" in response.text


def test_a_refused_add_shows_why_and_makes_no_cart(client):
    response = add(client, stocked_offer(stock=0), **HTMX)

    assert response.status_code == 200
    assert "out of stock" in response.text
    assert "HX-Trigger" not in response
    assert CART_COOKIE not in response.cookies
    assert not Cart.objects.exists()


def test_a_refused_add_without_javascript_shows_the_message_on_the_cart_page(client):
    response = add(client, stocked_offer(stock=1), 5, follow=True)

    assert "Only 1 of " in response.text


def test_a_malformed_add_is_refused_with_a_message(client):
    response = client.post(
        reverse("cart:add"), {"offer": "x", "quantity": "lots"}, **SAME_ORIGIN, **HTMX
    )

    assert "alert-error" in response.text
    assert not Cart.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
)
def test_a_cross_site_or_unproven_add_is_refused_with_403(headers):
    client = Client()
    offer = stocked_offer()

    response = client.post(
        reverse("cart:add"), {"offer": offer.pk, "quantity": 1}, **headers
    )

    assert response.status_code == 403
    assert not Cart.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_REFERER": "http://testserver/p/mug/"},
    ],
)
def test_a_same_origin_add_needs_no_csrf_token(headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("cart:add"), {"offer": stocked_offer().pk, "quantity": 1}, **headers
    )

    assert response.status_code == 302
    assert Cart.objects.count() == 1


def test_other_cart_forms_still_need_the_csrf_token():
    line = CartLineFactory(offer=stocked_offer())
    client = with_cart(Client(enforce_csrf_checks=True), line.cart)

    response = client.post(reverse("cart:line-remove", args=[line.pk]), **SAME_ORIGIN)

    assert response.status_code == 403
    assert CartLine.objects.filter(pk=line.pk).exists()


def test_the_product_page_offers_an_add_form_per_offer_without_a_csrf_token(client):
    offer = stocked_offer("30.00")
    rival = stocked_offer("25.00", variant=offer.variant, shop=ShopFactory())

    html = client.get(
        reverse("storefront:product", args=[offer.variant.product.slug])
    ).text
    buy_box = html[html.index('id="buy-box"') :]

    assert buy_box.count('action="/cart/add/"') == 2
    assert f'name="offer" value="{offer.pk}"' in buy_box
    assert f'name="offer" value="{rival.pk}"' in buy_box
    assert "csrfmiddlewaretoken" not in buy_box


# --- Change, remove, voucher ------------------------------------------------------


def test_changing_a_quantity_without_javascript_redirects_to_the_cart(client):
    line = CartLineFactory(offer=stocked_offer(), quantity=1)

    response = with_cart(client, line.cart).post(
        reverse("cart:line-update", args=[line.pk]), {"quantity": 3}
    )

    assert (response.status_code, response["Location"]) == (302, "/cart/")
    assert CartLine.objects.get(pk=line.pk).quantity == 3


def test_changing_a_quantity_with_htmx_answers_the_cart_and_refreshes_the_header(
    client,
):
    line = CartLineFactory(offer=stocked_offer("4.00"), quantity=1)

    response = with_cart(client, line.cart).post(
        reverse("cart:line-update", args=[line.pk]), {"quantity": 3}, **HTMX
    )

    assert response.status_code == 200
    assert response["HX-Trigger"] == "cart-changed"
    assert 'id="cart"' in response.text
    assert "€12.00" in response.text


def test_a_quantity_past_the_stock_is_refused_with_a_message(client):
    line = CartLineFactory(offer=stocked_offer(stock=2), quantity=1)

    response = with_cart(client, line.cart).post(
        reverse("cart:line-update", args=[line.pk]), {"quantity": 5}, follow=True
    )

    assert "Only 2 of " in response.text
    assert CartLine.objects.get(pk=line.pk).quantity == 1


def test_another_carts_line_cannot_be_removed_from_the_storefront(client):
    theirs = CartLineFactory(offer=stocked_offer())
    with_cart(client, CartFactory())

    response = client.post(reverse("cart:line-remove", args=[theirs.pk]), follow=True)

    assert "This item is not in your cart." in response.text
    assert CartLine.objects.filter(pk=theirs.pk).exists()


def test_removing_a_line_empties_the_cart(client):
    line = CartLineFactory(offer=stocked_offer())

    response = with_cart(client, line.cart).post(
        reverse("cart:line-remove", args=[line.pk]), follow=True
    )

    assert "Your cart is empty" in response.text


def test_a_voucher_form_applies_the_discount_and_removes_it(client):
    line = CartLineFactory(offer=stocked_offer("40.00"))
    VoucherFactory(code="TENOFF", value=Decimal("10"))
    with_cart(client, line.cart)

    applied = client.post(
        reverse("cart:voucher-apply"), {"code": "tenoff"}, follow=True
    )
    removed = client.post(reverse("cart:voucher-remove"), follow=True)

    assert "The voucher TENOFF is applied." in applied.text
    assert "&minus;€4.00" in applied.text
    assert "€36.00" in applied.text
    assert "TENOFF" not in removed.text.split('id="cart"')[1]


def test_a_refused_voucher_shows_pricings_message(client):
    line = CartLineFactory(offer=stocked_offer("40.00"))

    response = with_cart(client, line.cart).post(
        reverse("cart:voucher-apply"), {"code": "NOPE"}, follow=True
    )

    assert "This voucher code does not exist." in response.text


# --- Mini-cart and signing in -----------------------------------------------------


def test_every_page_loads_the_mini_cart_by_htmx_with_a_plain_link_first(client):
    html = client.get(reverse("storefront:home")).text

    assert 'hx-get="/cart/mini/"' in html
    assert 'href="/cart/"' in html


def test_the_mini_cart_counts_the_units(client):
    cart = CartFactory()
    CartLineFactory(cart=cart, offer=stocked_offer(), quantity=2)
    CartLineFactory(cart=cart, offer=stocked_offer(), quantity=3)

    response = with_cart(client, cart).get(reverse("cart:mini"))

    assert 'data-cart-count="5"' in response.text
    assert "no-store" in response["Cache-Control"]


def test_signing_in_merges_the_guest_cart_into_the_account(client):
    user = UserFactory()
    offer = stocked_offer(stock=10)
    CartLineFactory(cart=CartFactory(user=user), offer=offer, quantity=1)
    guest = CartLineFactory(offer=offer, quantity=2).cart
    with_cart(client, guest)

    response = client.post(
        reverse("accounts:login"),
        {"email": user.email, "password": DEFAULT_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert Cart.objects.get(user=user).lines.get().quantity == 3
    assert not Cart.objects.filter(pk=guest.pk).exists()
    assert "before signing in" in response.text


def test_signing_in_without_a_cart_of_ones_own_takes_the_guest_cart(client):
    user = UserFactory()
    guest = CartLineFactory(offer=stocked_offer()).cart
    with_cart(client, guest)

    client.post(
        reverse("accounts:login"), {"email": user.email, "password": DEFAULT_PASSWORD}
    )

    assert Cart.objects.get().user == user


def test_a_signed_in_add_goes_to_the_users_cart_and_sets_no_cookie(client):
    user = UserFactory()
    client.force_login(user)

    response = add(client, stocked_offer())

    assert Cart.objects.get().user == user
    assert CART_COOKIE not in response.cookies
