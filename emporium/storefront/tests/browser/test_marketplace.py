"""The marketplace end to end in a real browser, one window per person: a
user applies to sell, staff approve in the admin, the new vendor opens a
warehouse and lists a first product in the dashboard, a guest buys it and
another shop's mug, each vendor ships its part from the dashboard, and the
guest's order page shows it shipped."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from emporium.catalog.tests.factories import CategoryFactory
from emporium.orders.constants import OrderStatus
from emporium.orders.models import Order
from emporium.pricing.tests.factories import TaxRateFactory
from emporium.search.services import reindex_all
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingZoneFactory,
)
from emporium.storefront.tests.builders import listed_product
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def market():
    TaxRateFactory(country="DE", rate=Decimal("19"))
    zone = ShippingZoneFactory(name="Germany", countries=["DE"])
    ShippingMethodFactory(zone=zone, name="Standard", price_amount=Decimal("4.90"))
    CategoryFactory(name="Kitchen", slug="kitchen")
    north = ShopFactory(name="North Ceramics", slug="north")
    listed_product(title="Blue Mug", shop=north, price="12.00")
    reindex_all()
    return north


def window(browser: Browser, live_server) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_in(page: Page, email: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def ship_from_dashboard(page: Page, number: str, tracking: str) -> None:
    page.goto("/vendor/orders/")
    page.get_by_role("link", name=re.compile(number)).first.click()
    page.locator("#id_carrier").fill("DHL")
    page.locator("#id_tracking_number").fill(tracking)
    page.get_by_role("button", name="Mark shipped").click()
    expect(page.locator("main")).to_contain_text(tracking)


def test_from_application_to_a_fulfilled_order(
    page: Page, browser: Browser, live_server, market
):
    UserFactory(email="tess@example.com")
    UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)

    # The applicant asks to sell.
    vendor = window(browser, live_server)
    sign_in(vendor, "tess@example.com")
    vendor.goto("/sell/")
    vendor.get_by_label("Name", exact=True).fill("Tea House")
    vendor.get_by_label(re.compile("I accept the platform's commission")).check()
    vendor.get_by_role("button", name="Send my application").click()
    expect(vendor.locator("main")).to_contain_text("Pending")

    # Staff approve it in the admin.
    staff = window(browser, live_server)
    sign_in(staff, "staff@example.com")  # the admin shares the session
    staff.goto("/admin/vendors/shop/?status__exact=pending")
    staff.get_by_role("row", name=re.compile("Tea House")).get_by_role(
        "checkbox"
    ).check()
    staff.get_by_label("Action:").select_option(label="Approve selected shops")
    staff.get_by_role("button", name="Go").click()
    expect(staff.locator("#result_list")).to_have_count(0)  # none pending left

    # The vendor opens a warehouse, creates a product, lists it with stock.
    vendor.goto("/vendor/stock/warehouses/new/")
    vendor.get_by_label("Name", exact=True).fill("Back room")
    vendor.get_by_label("Code", exact=True).fill("main")
    vendor.get_by_label("Country", exact=True).select_option("DE")
    vendor.get_by_role("button", name="Open warehouse").click()
    vendor.goto("/vendor/products/new/")
    vendor.get_by_label("Title", exact=True).fill("Tea Pot")
    vendor.get_by_label("Category", exact=True).select_option(label="Kitchen")
    vendor.get_by_label("Status", exact=True).select_option("active")
    vendor.get_by_role("button", name="Create product").click()
    vendor.goto("/vendor/offers/new/")
    vendor.get_by_role("link", name=re.compile("Sell Tea Pot")).click()
    vendor.get_by_label("SKU", exact=True).fill("POT-1")
    vendor.get_by_label("Price", exact=True).fill("40.00")
    vendor.get_by_label("Currency", exact=True).fill("EUR")
    vendor.locator("#id_warehouse").select_option(label="Back room (main)")
    vendor.get_by_label("Opening stock").fill("3")
    vendor.get_by_role("button", name="List for sale").click()

    # A guest buys the tea pot and North's mug.
    for query, title in (("tea pot", "Tea Pot"), ("mug", "Blue Mug")):
        page.goto(f"/search/?q={query}")
        page.get_by_role("link", name=title, exact=True).first.click()
        page.get_by_role("button", name="Add to cart").click()
        expect(page.locator("#cart-feedback")).to_contain_text("to your cart")
    page.goto("/checkout/")
    page.get_by_label("Email").fill("guest@example.com")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Address", exact=True).fill("Hauptstr. 1")
    page.get_by_label("Postal code").fill("10115")
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Country", exact=True).select_option("DE")
    page.get_by_role("radio", name=re.compile("Standard")).check()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry (MM/YY)").fill("12/34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile("Place order")).click()
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID

    # Each vendor ships its own part from the dashboard.
    ship_from_dashboard(vendor, order.number, "TEA123")
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    north = window(browser, live_server)
    sign_in(north, market.owner.email)
    ship_from_dashboard(north, order.number, "MUG9")
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED

    # The guest's order page shows both parcels on their way.
    page.locator("[data-order-link]").click()
    expect(page.get_by_role("heading", name=f"Order {order.number}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("TEA123")
    expect(page.locator("main")).to_contain_text("MUG9")
