"""The demo shipping rates: what a buyer in Germany, France or the US sees."""

import pytest

from emporium.core.money import Money
from emporium.shipping.demo import create_demo_shipping
from emporium.shipping.models import ShippingMethod, ShippingZone
from emporium.shipping.quotes import list_quotes
from emporium.shipping.rates import ShippingRequest

pytestmark = pytest.mark.django_db


def _prices(country, *, weight, subtotal):
    request = ShippingRequest(
        country=country, weight_grams=weight, subtotal=Money(subtotal, "EUR")
    )
    return {quote.name: str(quote.price) for quote in list_quotes(request)}


def test_demo_creates_three_zones_of_three_methods():
    created = create_demo_shipping()

    assert created == {"zones": 3, "methods": 9}
    assert sorted(ShippingZone.objects.values_list("name", flat=True)) == [
        "European Union",
        "Germany",
        "Rest of world",
    ]


def test_demo_is_idempotent():
    create_demo_shipping()

    again = create_demo_shipping()

    assert again == {"zones": 0, "methods": 0}
    assert ShippingMethod.objects.count() == 9


def test_demo_fills_in_a_method_staff_deleted():
    create_demo_shipping()
    ShippingMethod.objects.filter(zone__name="Germany", name="Express").delete()

    assert create_demo_shipping() == {"zones": 0, "methods": 1}


@pytest.mark.parametrize(
    ("country", "weight", "subtotal", "expected"),
    [
        (
            "DE",
            1500,
            "30.00",
            {"Standard": "4.90 EUR", "Express": "9.90 EUR", "Economy": "2.90 EUR"},
        ),
        (
            "DE",
            1500,
            "50.00",
            {"Standard": "0.00 EUR", "Express": "9.90 EUR", "Economy": "1.90 EUR"},
        ),
        # Too heavy for Express (31.5 kg limit): only the other two.
        ("DE", 40000, "49.99", {"Standard": "4.90 EUR", "Economy": "2.90 EUR"}),
        (
            "FR",
            2000,
            "99.99",
            {"Standard": "9.90 EUR", "Express": "29.90 EUR", "Economy": "5.90 EUR"},
        ),
        (
            "US",
            500,
            "150.00",
            {"Standard": "0.00 EUR", "Express": "39.90 EUR", "Economy": "9.90 EUR"},
        ),
    ],
)
def test_demo_quotes(country, weight, subtotal, expected):
    create_demo_shipping()

    assert _prices(country, weight=weight, subtotal=subtotal) == expected
