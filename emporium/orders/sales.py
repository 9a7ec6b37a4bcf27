"""Reads: a shop's sales figures over a date range (the vendor overview).

Counted from the shop's lines of the orders **paid** in the range (by the
day of payment, in the site's time zone), leaving out orders cancelled or
refunded in full since; a partial refund does not change them (the money
side is the payout ledger's). Revenue is the lines' gross as the buyer
paid it (after the voucher's share, tax included), without shipping.
Figures come per currency, the shop's own first. Queries: one for the
days, plus one per currency for the top products.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Max, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from emporium.core.errors import InvalidInput
from emporium.core.money import Money
from emporium.orders.constants import OrderStatus
from emporium.orders.models import OrderLine
from emporium.vendors.models import Shop

DEFAULT_DAYS = 30
MAX_DAYS = 366
TOP_PRODUCTS = 5
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


class InvalidDateRange(InvalidInput):
    default_code = "invalid_date_range"


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date

    @property
    def days(self) -> list[date]:
        count = (self.end - self.start).days + 1
        return [self.start + timedelta(days=n) for n in range(count)]


@dataclass(frozen=True, slots=True)
class DaySales:
    day: date
    revenue: Money
    orders: int
    units: int


@dataclass(frozen=True, slots=True)
class ProductSales:
    product_id: int
    title: str
    units: int
    revenue: Money


@dataclass(frozen=True, slots=True)
class SalesSummary:
    """A shop's sales in one currency over a range, with a row per day."""

    currency: str
    revenue: Money
    orders: int
    units: int
    top_products: tuple[ProductSales, ...]
    days: tuple[DaySales, ...]

    @property
    def average_order_value(self) -> Money:
        if not self.orders:
            return Money.zero(self.currency)
        return Money(self.revenue.amount / self.orders, self.currency).quantize()


def sales_range(
    start: date | None = None, end: date | None = None, *, today: date | None = None
) -> DateRange:
    """The range asked for: by default the last 30 days up to today.

    Raises:
        InvalidDateRange: `start` after `end`, or longer than 366 days.
    """
    today = today or timezone.localdate()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidDateRange(
            "The start of the range is after its end.",
            fields={"from": ["Choose a day on or before the end."]},
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidDateRange(
            f"Choose a range of at most {MAX_DAYS} days.",
            fields={"to": [f"At most {MAX_DAYS} days after the start."]},
        )
    return DateRange(start=start, end=end)


def _sold_lines(shop: Shop, period: DateRange) -> QuerySet[OrderLine]:
    return OrderLine.objects.filter(
        shop=shop,
        order__paid_at__date__gte=period.start,
        order__paid_at__date__lte=period.end,
    ).exclude(order__status__in=NOT_SALES)


def summarize_shop_sales(*, shop: Shop, period: DateRange) -> list[SalesSummary]:
    """The shop's sales in `period`, per currency (see the module docstring)."""
    rows = (
        _sold_lines(shop, period)
        .annotate(day=TruncDate("order__paid_at"))
        .values("currency", "day")
        .annotate(
            revenue=Sum("gross_amount"),
            units=Sum("quantity"),
            orders=Count("order", distinct=True),
        )
        .order_by()
    )
    by_currency: dict[str, dict[date, DaySales]] = {}
    for row in rows:
        currency = row["currency"]
        by_currency.setdefault(currency, {})[row["day"]] = DaySales(
            day=row["day"],
            revenue=Money(row["revenue"], currency).quantize(),
            orders=row["orders"],
            units=row["units"],
        )
    currencies = sorted(by_currency, key=lambda c: (c != shop.default_currency, c))
    return [
        _summary(shop, period, currency, by_currency[currency])
        for currency in currencies
    ]


def _summary(
    shop: Shop, period: DateRange, currency: str, sold: dict[date, DaySales]
) -> SalesSummary:
    zero = Money.zero(currency)
    days = tuple(
        sold.get(day) or DaySales(day=day, revenue=zero, orders=0, units=0)
        for day in period.days
    )
    return SalesSummary(
        currency=currency,
        revenue=sum((day.revenue for day in days), zero),
        orders=sum(day.orders for day in days),
        units=sum(day.units for day in days),
        top_products=_top_products(shop, period, currency),
        days=days,
    )


def _top_products(
    shop: Shop, period: DateRange, currency: str
) -> tuple[ProductSales, ...]:
    rows = (
        _sold_lines(shop, period)
        .filter(currency=currency)
        .values(product_id=F("offer__variant__product_id"))
        .annotate(
            title=Max("product_title"),
            units=Sum("quantity"),
            revenue=Sum("gross_amount"),
        )
        .order_by("-revenue", "-units", "product_id")[:TOP_PRODUCTS]
    )
    return tuple(
        ProductSales(
            product_id=row["product_id"],
            title=row["title"],
            units=row["units"],
            revenue=Money(row["revenue"], currency).quantize(),
        )
        for row in rows
    )
