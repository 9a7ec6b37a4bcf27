"""Factories for shipping zones (marketplace's by default), methods, brackets."""

from decimal import Decimal

import factory

from emporium.shipping.constants import MethodKind
from emporium.shipping.models import ShippingMethod, ShippingRateBracket, ShippingZone


class ShippingZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingZone

    name = factory.Sequence(lambda n: f"Zone {n}")
    shop = None
    countries = ["DE"]


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    """A flat 4.90 EUR method; pass `kind=` and `price_amount=None` for others."""

    class Meta:
        model = ShippingMethod

    zone = factory.SubFactory(ShippingZoneFactory)
    name = factory.Sequence(lambda n: f"Method {n}")
    kind = MethodKind.FLAT
    currency = "EUR"
    price_amount = Decimal("4.90")


class ShippingRateBracketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRateBracket

    method = factory.SubFactory(
        ShippingMethodFactory, kind=MethodKind.WEIGHT, price_amount=None
    )
    lower_bound = Decimal(0)
    upper_bound = None
    price_amount = Decimal("5.00")
