"""Factories for warehouses and stock rows."""

import factory

from emporium.catalog.tests.factories import OfferFactory
from emporium.inventory.models import Stock, Warehouse
from emporium.vendors.tests.factories import ShopFactory


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse

    shop = factory.SubFactory(ShopFactory)
    name = factory.Sequence(lambda n: f"Warehouse {n}")
    code = factory.Sequence(lambda n: f"wh-{n}")
    city = "Berlin"
    country = "DE"


class StockFactory(factory.django.DjangoModelFactory):
    """Stock of an offer in a warehouse of the offer's shop."""

    class Meta:
        model = Stock

    offer = factory.SubFactory(OfferFactory)
    warehouse = factory.SubFactory(
        WarehouseFactory, shop=factory.SelfAttribute("..offer.shop")
    )
    quantity_on_hand = 10
