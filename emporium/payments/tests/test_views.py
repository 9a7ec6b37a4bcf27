"""The test provider's confirmation page: signed link, two buttons."""

import pytest
from django.urls import reverse

from emporium.orders.constants import OrderStatus
from emporium.payments.constants import PaymentStatus
from emporium.payments.models import Payment
from emporium.payments.providers.test import make_confirm_token
from emporium.payments.services import start_payment
from emporium.payments.tests.helpers import REQUIRES_ACTION, card, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(order, buyer):
    return start_payment(
        order=order,
        method="card",
        card=card(REQUIRES_ACTION),
        return_url="http://testserver/checkout/done/",
        actor=buyer,
    )


def _page(payment_id: int, token: str | None = None) -> str:
    token = make_confirm_token(payment_id) if token is None else token
    return f"{reverse('payments:test-confirm', args=[payment_id])}?token={token}"


def test_the_page_offers_both_outcomes(client, started):
    response = client.get(started.next_action["url"].removeprefix("http://testserver"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Complete authentication" in html
    assert "Fail authentication" in html
    assert started.payment.order.number in html
    assert response["Referrer-Policy"] == "same-origin"


def test_completing_pays_the_order_and_returns_to_the_shop(client, started, order):
    response = client.post(_page(started.payment.pk), {"outcome": "complete"})

    assert response.status_code == 302
    assert response["Location"] == "http://testserver/checkout/done/"
    assert reload(order).status == OrderStatus.PAID


def test_failing_fails_the_payment_and_the_order_waits(client, started, order):
    client.post(_page(started.payment.pk), {"outcome": "fail"})

    assert Payment.objects.get(pk=started.payment.pk).status == PaymentStatus.FAILED
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT


def test_a_foreign_return_url_is_not_followed(client, order, buyer):
    started = start_payment(
        order=order,
        method="card",
        card=card(REQUIRES_ACTION),
        return_url="https://evil.example.com/",
        actor=buyer,
    )
    client.force_login(buyer)

    response = client.post(_page(started.payment.pk), {"outcome": "complete"})

    assert response["Location"] == reverse("orders:detail", args=[order.number])


@pytest.mark.parametrize("token", ["", "forged", "other"])
def test_a_bad_link_is_a_404(client, started, order, token):
    if token == "other":
        token = make_confirm_token(started.payment.pk + 1)

    response = client.post(_page(started.payment.pk, token), {"outcome": "complete"})

    assert response.status_code == 404
    assert reload(order).status == OrderStatus.AWAITING_PAYMENT


def test_the_page_is_gone_when_the_test_provider_is_off(client, started, settings):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False

    response = client.get(_page(started.payment.pk))

    assert response.status_code == 404
