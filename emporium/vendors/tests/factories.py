"""Factories for shops (approved by default)."""

from decimal import Decimal

import factory

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop

    name = factory.Sequence(lambda n: f"Shop {n}")
    slug = factory.Sequence(lambda n: f"shop-{n}")
    owner = factory.SubFactory(UserFactory)
    status = ShopStatus.APPROVED
    commission_rate = Decimal("10.00")
    default_currency = "EUR"
