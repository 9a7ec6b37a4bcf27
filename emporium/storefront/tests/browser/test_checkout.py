"""A guest buys in a real browser: search, two shops, a voucher, shipping,
the test card, the confirmation and the signed link; then a declined card
and a successful retry.

Figures: 2 x Blue Mug at 12.00 (North) and 1 x Desk Lamp at 30.00 (South),
gross prices, voucher SAVE10 (10 %): 54.00 - 5.40 = 48.60; Standard
shipping 4.90 per shop's parcel (free from 50.00 each): 9.80; total 58.40,
of which German VAT (19 %) 3.45 + 4.31 + 1.56 = 9.32.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory
from emporium.search.services import reindex_all
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingZoneFactory,
)
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop_world():
    TaxRateFactory(country="DE", rate=Decimal("19"))
    zone = ShippingZoneFactory(name="Germany", countries=["DE"])
    ShippingMethodFactory(
        zone=zone,
        name="Standard",
        price_amount=Decimal("4.90"),
        free_above_amount=Decimal("50.00"),
        min_delivery_days=2,
        max_delivery_days=3,
    )
    VoucherFactory(code="SAVE10", value=Decimal("10"))
    north = ShopFactory(name="North Ceramics", slug="north")
    south = ShopFactory(name="South Lighting", slug="south")
    listed_product(title="Blue Mug", shop=north, price="12.00")
    listed_product(title="Desk Lamp", shop=south, price="30.00")
    reindex_all()


def add_to_cart(page: Page, query: str, title: str, quantity: int = 1) -> None:
    page.goto(f"/search/?q={query}")
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_label("Quantity").fill(str(quantity))
    page.get_by_role("button", name="Add to cart").click()
    expect(page.locator("#cart-feedback")).to_contain_text("to your cart")


def fill_address_and_shipping(page: Page) -> None:
    page.get_by_label("Email").fill("guest@example.com")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Address", exact=True).fill("Hauptstr. 1")
    page.get_by_label("Postal code").fill("10115")
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Country").select_option("DE")
    standard = page.get_by_role("radio", name=re.compile("Standard"))
    expect(standard).to_be_visible()  # htmx brought the methods for Germany
    standard.check()


def pay_with(page: Page, number: str) -> None:
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiry (MM/YY)").fill("12/34")
    page.get_by_label("CVC").fill("123")


def test_a_guest_buys_from_two_shops_with_a_voucher(page: Page, shop_world):
    add_to_cart(page, "mug", "Blue Mug", quantity=2)
    add_to_cart(page, "lamp", "Desk Lamp")

    page.goto("/cart/")
    page.get_by_label("Voucher code").fill("save10")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("The voucher SAVE10 is applied.")).to_be_visible()
    expect(page.locator("[data-total]")).to_have_text("€48.60")
    page.get_by_role("link", name="Checkout").click()

    expect(page.get_by_role("heading", name="Checkout")).to_be_visible()
    fill_address_and_shipping(page)
    summary = page.locator("#checkout-summary")
    expect(summary.locator("[data-shipping]")).to_have_text("€9.80")
    expect(summary.locator("[data-discount]")).to_have_text("\u2212€5.40")
    expect(summary.locator("[data-tax]")).to_have_text("€9.32")
    expect(summary.locator("[data-total]")).to_have_text("€58.40")
    pay_with(page, "4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile("Place order")).click()

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    order = Order.objects.get()
    expect(page.locator("[data-order-number]")).to_have_text(order.number)
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
    expect(page.get_by_text("Sold by North Ceramics")).to_be_visible()
    expect(page.get_by_text("Sold by South Lighting")).to_be_visible()
    page.locator("[data-order-link]").click()

    expect(page.get_by_role("heading", name=f"Order {order.number}")).to_be_visible()
    expect(page.get_by_text("guest@example.com")).to_be_visible()
    expect(page.get_by_text("Blue Mug")).to_be_visible()
    expect(page.get_by_text("€58.40")).to_be_visible()


def test_the_signed_link_in_the_confirmation_email_opens_the_order_anywhere(
    page: Page, browser: Browser, live_server, shop_world
):
    add_to_cart(page, "lamp", "Desk Lamp")
    page.goto("/checkout/")
    fill_address_and_shipping(page)
    pay_with(page, "4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile("Place order")).click()
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    order = Order.objects.get()

    (confirmation,) = [
        m
        for m in mail.outbox
        if m.to == ["guest@example.com"] and order.number in m.subject
    ]
    link = re.search(
        rf"{re.escape(live_server.url)}/orders/{order.number}/\?token=[^\s<>]+",
        confirmation.body,
    )
    assert link is not None, confirmation.body
    # Another browser, without the buyer's session: the link alone opens it.
    elsewhere = browser.new_context()
    try:
        other = elsewhere.new_page()
        other.goto(link.group(0))
        expect(
            other.get_by_role("heading", name=f"Order {order.number}")
        ).to_be_visible()
        expect(other.get_by_text("Desk Lamp")).to_be_visible()
        other.goto(f"{live_server.url}/orders/{order.number}/?token=forged")
        expect(
            other.get_by_role("heading", name=f"Order {order.number}")
        ).to_have_count(0)
    finally:
        elsewhere.close()


def test_a_declined_card_then_a_successful_retry(page: Page, shop_world):
    add_to_cart(page, "lamp", "Desk Lamp")
    page.goto("/checkout/")
    fill_address_and_shipping(page)
    # 30.00 + 4.90 shipping, no voucher.
    expect(page.locator("#checkout-summary [data-total]")).to_have_text("€34.90")
    pay_with(page, "4000 0000 0000 0002")
    page.get_by_role("button", name=re.compile("Place order")).click()

    expect(page.locator("[data-payment-error]")).to_contain_text(
        "Your card was declined."
    )
    order = Order.objects.get()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    expect(page.locator("[data-order-number]")).to_have_text(order.number)
    pay_with(page, "4242 4242 4242 4242")
    page.get_by_role("button", name="Pay €34.90").click()

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert Order.objects.count() == 1


def test_a_card_asking_for_confirmation_is_confirmed_then_paid(page: Page, shop_world):
    add_to_cart(page, "lamp", "Desk Lamp")
    page.goto("/checkout/")
    fill_address_and_shipping(page)
    pay_with(page, "4000 0000 0000 3220")
    page.get_by_role("button", name=re.compile("Place order")).click()

    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    page.get_by_role("button", name="Complete authentication").click()

    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
