"""The entry points checkout calls, and the rate-provider seam behind them."""

from decimal import Decimal

import pytest
from django.test import override_settings

from emporium.core.money import Money
from emporium.shipping.constants import MethodKind
from emporium.shipping.errors import ShippingMethodNotAvailable
from emporium.shipping.providers import TableRateProvider, get_rate_provider
from emporium.shipping.quotes import get_quote, list_quotes
from emporium.shipping.rates import ShippingQuote, ShippingRequest
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingRateBracketFactory,
    ShippingZoneFactory,
)
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _request(*, country="DE", weight=1500, subtotal="30.00", currency="EUR", shop=None):
    return ShippingRequest(
        country=country,
        weight_grams=weight,
        subtotal=Money(subtotal, currency),
        shop_id=shop.pk if shop else None,
    )


@pytest.fixture
def germany():
    """Standard 4.90 free from 50, Express 9.90 up to 2 kg then 14.90 to 5 kg."""
    zone = ShippingZoneFactory(name="Germany", countries=["DE"])
    standard = ShippingMethodFactory(
        zone=zone, name="Standard", free_above_amount=Decimal("50"), position=0
    )
    express = ShippingMethodFactory(
        zone=zone, name="Express", kind=MethodKind.WEIGHT, price_amount=None, position=1
    )
    ShippingRateBracketFactory(
        method=express, lower_bound=0, upper_bound=2000, price_amount="9.90"
    )
    ShippingRateBracketFactory(
        method=express, lower_bound=2000, upper_bound=5000, price_amount="14.90"
    )
    return standard, express


def test_list_quotes_prices_every_method_that_ships_the_cart(germany):
    standard, express = germany

    quotes = list_quotes(_request(subtotal="30.00", weight=1500))

    assert [(q.method_id, q.price, q.is_free) for q in quotes] == [
        (standard.pk, Money("4.90", "EUR"), False),
        (express.pk, Money("9.90", "EUR"), False),
    ]


def test_list_quotes_in_one_fixed_number_of_queries(germany, django_assert_num_queries):
    with django_assert_num_queries(3):
        list_quotes(_request())


def test_get_quote_returns_the_price_of_the_chosen_method(germany):
    standard, _ = germany

    quote = get_quote(standard.pk, _request(subtotal="50.00"))

    assert quote.price == Money("0.00", "EUR")
    assert quote.is_free is True


@pytest.mark.parametrize(
    "case",
    [
        "too heavy",
        "other country",
        "other currency",
        "inactive",
        "no such method",
        "other shop's method",
    ],
)
def test_get_quote_refuses_a_method_that_does_not_ship_the_cart(germany, case):
    _, express = germany
    method_id, request = express.pk, _request()
    if case == "too heavy":
        request = _request(weight=5000)
    elif case == "other country":
        request = _request(country="FR")
    elif case == "other currency":
        request = _request(currency="USD")
    elif case == "inactive":
        express.is_active = False
        express.save(update_fields=["is_active"])
    elif case == "no such method":
        method_id = express.pk + 1000
    elif case == "other shop's method":
        method_id = ShippingMethodFactory(
            zone__shop=ShopFactory(), zone__countries=["DE"]
        ).pk

    with pytest.raises(ShippingMethodNotAvailable) as caught:
        get_quote(method_id, request)

    assert caught.value.code == "shipping_method_unavailable"
    assert caught.value.status_code == 422
    assert caught.value.extra == {"method_id": method_id}


def test_get_quote_refuses_marketplace_method_when_the_shop_has_its_own(germany):
    standard, _ = germany
    shop = ShopFactory()
    ShippingMethodFactory(zone__shop=shop, zone__countries=["DE"])

    with pytest.raises(ShippingMethodNotAvailable):
        get_quote(standard.pk, _request(shop=shop))


class FixedCarrier:
    """A stand-in for a live-rate carrier: one method, one price."""

    def list_quotes(self, request):
        return [
            ShippingQuote(
                99, "Carrier", Money("7.00", request.subtotal.currency), False
            )
        ]

    def get_quote(self, method_id, request):
        return self.list_quotes(request)[0]


def test_default_provider_is_the_table_provider():
    assert isinstance(get_rate_provider(), TableRateProvider)


@override_settings(
    SHIPPING_RATE_PROVIDER="emporium.shipping.tests.test_quotes.FixedCarrier"
)
def test_callers_get_the_configured_provider_s_quotes(germany):
    quotes = list_quotes(_request())

    assert [(q.method_id, q.price) for q in quotes] == [(99, Money("7.00", "EUR"))]
    assert get_quote(99, _request()).name == "Carrier"
