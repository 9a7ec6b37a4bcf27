"""The payments API: a buyer pays their own order (404 for another's), and
the webhook endpoint takes no login; both documented in the schema."""

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from emporium.orders.constants import OrderStatus
from emporium.orders.tests.factories import place
from emporium.payments.models import Payment
from emporium.payments.tests.helpers import DECLINED, REQUIRES_ACTION, SUCCEEDS, reload

pytestmark = pytest.mark.django_db

CARD = {"number": SUCCEEDS, "exp_month": 12, "exp_year": 2040, "cvc": "123"}


def _url(number: str) -> str:
    return reverse("v1:order-payments", args=[number])


def _pay(client, order, number=SUCCEEDS, **body):
    data = {"method": "card", "card": {**CARD, "number": number}} | body
    return client.post(_url(order.number), data, format="json")


def test_paying_with_4242_answers_201_and_the_order_is_paid(buyer_api, order):
    response = _pay(buyer_api, order)

    assert response.status_code == 201
    body = response.json()
    payment = Payment.objects.get(order=order)
    assert body == {
        "id": payment.pk,
        "method": "card",
        "provider": "test",
        "status": "succeeded",
        "currency": "EUR",
        "amount": "24.90",
        "refunded": "0.00",
        "next_action": None,
        "failure_code": "",
        "failure_message": "",
        "created_at": body["created_at"],
    }
    assert reload(order).status == OrderStatus.PAID


def test_a_declined_card_answers_failed_and_a_retry_pays(buyer_api, order):
    declined = _pay(buyer_api, order, DECLINED)
    retry = _pay(buyer_api, order, SUCCEEDS)

    assert declined.status_code == 201
    assert (declined.json()["status"], declined.json()["failure_code"]) == (
        "failed",
        "card_declined",
    )
    assert retry.json()["status"] == "succeeded"
    assert reload(order).status == OrderStatus.PAID


def test_card_3220_answers_the_confirmation_link(buyer_api, order):
    response = _pay(buyer_api, order, REQUIRES_ACTION)

    body = response.json()
    assert body["status"] == "requires_action"
    assert body["next_action"]["type"] == "redirect"
    assert "/payments/test/confirm/" in body["next_action"]["url"]


def test_another_buyers_order_answers_404(other_api, order):
    response = _pay(other_api, order)

    assert response.status_code == 404
    assert response.json()["code"] == "order_not_found"
    assert not Payment.objects.exists()
    assert reload(order).status == OrderStatus.PENDING


def test_a_stranger_gets_401(api_client, order):
    response = _pay(api_client, order)

    assert response.status_code == 401
    assert not Payment.objects.exists()


def test_impossible_card_details_answer_400_with_fields(buyer_api, order):
    response = _pay(buyer_api, order, "4242 4242 4242 4241")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_card"
    assert "card.number" in body["fields"]


def test_a_missing_method_answers_400(buyer_api, order):
    response = buyer_api.post(_url(order.number), {}, format="json")

    assert response.status_code == 400
    assert "method" in response.json()["fields"]


def test_paying_a_paid_order_again_answers_409(buyer_api, order):
    _pay(buyer_api, order)

    response = _pay(buyer_api, order)

    assert response.status_code == 409
    assert response.json()["code"] == "order_not_payable"


def test_an_unavailable_method_answers_422(buyer_api, order, settings):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False

    response = _pay(buyer_api, order)

    assert response.status_code == 422
    assert response.json()["code"] == "payment_method_unavailable"


def test_the_attempts_are_listed_newest_first_in_bounded_queries(
    buyer_api, buyer, order, offer, django_assert_max_num_queries
):
    _pay(buyer_api, order, DECLINED)
    _pay(buyer_api, order, DECLINED)
    _pay(buyer_api, order, SUCCEEDS)
    place([(offer, 1)], customer=buyer)

    # user, order + its lines, fulfilments and timeline, payments
    with django_assert_max_num_queries(6):
        response = buyer_api.get(_url(order.number))

    assert response.status_code == 200
    assert [p["status"] for p in response.json()] == ["succeeded", "failed", "failed"]


def test_another_buyer_cannot_list_the_attempts(buyer_api, other_api, order):
    _pay(buyer_api, order, DECLINED)

    response = other_api.get(_url(order.number))

    assert response.status_code == 404


def test_the_webhook_endpoint_needs_no_login_but_a_signature(api_client):
    response = api_client.post(
        reverse("v1:payments-stripe-webhook"), {"id": "evt_1"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"


def test_the_schema_documents_both_endpoints_and_their_codes(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    validate(schema)

    start = schema["paths"]["/api/v1/orders/{number}/payments/"]["post"]
    webhook = schema["paths"]["/api/v1/payments/webhooks/stripe/"]["post"]
    assert {"201", "400", "401", "404", "409", "422", "502"} <= start[
        "responses"
    ].keys()
    assert "`card_declined`" in start["description"]
    assert "invalid_signature" in webhook["responses"]["400"]["description"]
    assert "amount_mismatch" in webhook["responses"]["400"]["description"]
    assert webhook.get("security") in (None, [], [{}])
