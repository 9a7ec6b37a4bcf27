from decimal import Decimal

import pytest

from emporium.catalog.services import change_offer_price, update_product
from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.inventory.models import Stock
from emporium.inventory.services import adjust_stock
from emporium.search.models import ProductSearchDocument
from emporium.search.tests.factories import index, make_product
from emporium.vendors.constants import ShopStatus
from emporium.vendors.states import transition_shop

pytestmark = pytest.mark.django_db


def _deliver_all() -> None:
    for event_id in OutboxEvent.objects.filter(delivered_at__isnull=True).values_list(
        "pk", flat=True
    ):
        assert deliver(event_id)


def test_price_change_updates_the_document():
    product = make_product(title="Kettle", price="20.00")
    index(product)
    offer = product.variants.get().offers.get()

    change_offer_price(offer_id=offer.pk, price=Money(Decimal("15.00"), "EUR"))
    _deliver_all()

    doc = ProductSearchDocument.objects.get(pk=product.pk)
    assert doc.min_price_amount == Decimal("15.00")


def test_stock_change_updates_in_stock():
    product = make_product(title="Kettle", quantity=1)
    index(product)
    stock = Stock.objects.get(offer__variant__product=product)

    adjust_stock(stock_id=stock.pk, delta=-1, reason="sale", actor=None)
    _deliver_all()

    assert ProductSearchDocument.objects.get(pk=product.pk).is_in_stock is False


def test_archiving_a_product_removes_it():
    product = make_product(title="Kettle")
    index(product)

    update_product(product_id=product.pk, status="archived")
    _deliver_all()

    assert not ProductSearchDocument.objects.filter(pk=product.pk).exists()


def test_suspending_the_only_shop_removes_its_products():
    product = make_product(title="Kettle")
    index(product)

    transition_shop(shop_id=product.shop_id, to=ShopStatus.SUSPENDED, actor=None)
    _deliver_all()

    assert not ProductSearchDocument.objects.filter(pk=product.pk).exists()
