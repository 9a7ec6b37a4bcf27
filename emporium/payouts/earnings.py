"""What a shop earns from its part of an order, pure: no query, no clock.

- **Sale**: the shop's lines as the buyer paid them (gross, after the
  voucher's share) plus what the buyer paid for its parcel's shipping.
- **Commission**: the rate frozen on each line (the shop's rate when the
  order was placed) times the line's net amount, **rounded per line**
  (half up, to the currency's minor unit), then added up. Shipping carries
  no commission.
- **A refund** takes its part (see `orders.services.refunds.split_refund`)
  from the sale; the commission is given back in the same proportion:
  after refunds of R out of the shop's paid P, the commission returned so
  far is `round(C x R / P)`, so each refund returns the growth of that
  figure and a whole refund returns exactly C.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from emporium.core.money import Money

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LineFigures:
    """What earnings need of a frozen order line."""

    gross: Money
    net: Money
    commission_rate: Decimal


@dataclass(frozen=True, slots=True)
class ShopEarnings:
    """A shop's part of one order: what it sold and the commission on it."""

    goods: Money
    shipping: Money
    commission: Money

    @property
    def sale(self) -> Money:
        """What the buyer paid the shop: goods and shipping."""
        return self.goods + self.shipping

    @property
    def net(self) -> Money:
        """What the shop keeps before any refund."""
        return self.sale - self.commission


def line_commission(line: LineFigures) -> Money:
    """The platform's commission on one line, rounded to the minor unit."""
    return (line.net * (line.commission_rate / HUNDRED)).quantize()


def shop_earnings(lines: Iterable[LineFigures], shipping: Money) -> ShopEarnings:
    """The sale and commission of a shop's lines and its parcel's shipping."""
    zero = Money.zero(shipping.currency)
    lines = list(lines)
    return ShopEarnings(
        goods=sum((line.gross.quantize() for line in lines), zero),
        shipping=shipping.quantize(),
        commission=sum((line_commission(line) for line in lines), zero),
    )


def commission_returned(
    earnings: ShopEarnings, *, refunded_before: Money, refunded_after: Money
) -> Money:
    """The commission a refund gives back to the shop (never negative)."""
    return _returned_so_far(earnings, refunded_after) - _returned_so_far(
        earnings, refunded_before
    )


def _returned_so_far(earnings: ShopEarnings, refunded: Money) -> Money:
    paid = earnings.sale
    if paid.is_zero():
        return Money.zero(paid.currency)
    share = min(refunded, paid).amount / paid.amount
    return (earnings.commission * share).quantize()
