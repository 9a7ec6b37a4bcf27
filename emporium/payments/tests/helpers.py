"""Small builders shared by the payments tests."""

from emporium.catalog.models import Offer
from emporium.inventory.constants import MovementReason
from emporium.inventory.models import Stock, StockMovement
from emporium.orders.models import Order
from emporium.payments.cards import CardDetails

SUCCEEDS = "4242 4242 4242 4242"
DECLINED = "4000 0000 0000 0002"
REQUIRES_ACTION = "4000 0000 0000 3220"


def card(number: str = SUCCEEDS, *, month: int = 12, year: int = 2040) -> CardDetails:
    return CardDetails(number=number, exp_month=month, exp_year=year, cvc="123")


def reload(order: Order) -> Order:
    return Order.objects.get(pk=order.pk)


def stock_of(offer: Offer) -> tuple[int, int, int]:
    """(on hand, reserved, sale movements) of the offer's stock."""
    stock = Stock.objects.get(offer=offer)
    sales = StockMovement.objects.filter(stock=stock, reason=MovementReason.SALE)
    return stock.quantity_on_hand, stock.quantity_reserved, sales.count()
