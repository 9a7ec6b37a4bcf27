"""Fixtures of the payments tests: buyers, a placed order, API clients, and
Stripe pointed at a local fake."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Offer
from emporium.orders.models import Order
from emporium.orders.tests.factories import place, stocked_offer
from emporium.payments.tests.stripe_fake import WEBHOOK_SECRET, FakeStripe

TEST_PROVIDERS = {
    "card": "emporium.payments.providers.test.TestCardProvider",
    "bank_transfer": "emporium.payments.providers.manual.BankTransferProvider",
    "cash_on_delivery": "emporium.payments.providers.manual.CashOnDeliveryProvider",
}
STRIPE_PROVIDERS = {
    "card": "emporium.payments.providers.stripe.StripeProvider",
    "bank_transfer": "emporium.payments.providers.manual.BankTransferProvider",
    "cash_on_delivery": "emporium.payments.providers.manual.CashOnDeliveryProvider",
}


@pytest.fixture(autouse=True)
def _test_card_provider(settings):
    """Cards go to the test provider, whatever the environment says (a
    developer's STRIPE_SECRET_KEY must not send the suite to Stripe)."""
    settings.PAYMENT_PROVIDERS = TEST_PROVIDERS
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = True
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # never the real one


@pytest.fixture
def buyer(db) -> User:
    return UserFactory(email="ann@example.com", first_name="Ann")


@pytest.fixture
def other_buyer(db) -> User:
    return UserFactory(email="bob@example.com", first_name="Bob")


@pytest.fixture
def offer(db) -> Offer:
    """An offer at 10.00 EUR (gross, 19 % VAT) with 10 units on hand."""
    return stocked_offer(quantity=10, price="10.00")


@pytest.fixture
def order(buyer, offer) -> Order:
    """The buyer's order of 2 units: 20.00 + 4.90 shipping = 24.90 EUR."""
    return place([(offer, 2)], customer=buyer)


def _client_for(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def buyer_api(buyer) -> APIClient:
    return _client_for(buyer)


@pytest.fixture
def other_api(other_buyer) -> APIClient:
    return _client_for(other_buyer)


@pytest.fixture
def stripe_fake(settings):
    """Cards go to Stripe, and Stripe is a local fake (never the network)."""
    fake = FakeStripe().start()
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.url
    settings.PAYMENT_PROVIDERS = STRIPE_PROVIDERS
    yield fake
    fake.stop()


@pytest.fixture
def bank_details(settings):
    settings.BANK_TRANSFER_DETAILS = {
        "account_holder": "Emporium GmbH",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "bank_name": "",
    }
    return settings.BANK_TRANSFER_DETAILS


@pytest.fixture
def staff_user(db) -> User:
    return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
