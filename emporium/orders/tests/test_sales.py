"""A shop's sales figures: the range rule and the per-currency summary."""

from datetime import date

import pytest
from django.utils import timezone

from emporium.core.money import Money
from emporium.orders.sales import (
    DateRange,
    InvalidDateRange,
    sales_range,
    summarize_shop_sales,
)
from emporium.orders.services import mark_order_paid
from emporium.orders.tests.factories import place, stocked_offer

TODAY = date(2026, 5, 31)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, (date(2026, 5, 2), TODAY)),  # the last 30 days
        (date(2026, 5, 10), None, (date(2026, 5, 10), TODAY)),
        (None, date(2026, 4, 30), (date(2026, 4, 1), date(2026, 4, 30))),
        (date(2026, 5, 31), date(2026, 5, 31), (TODAY, TODAY)),
        (date(2025, 5, 31), date(2026, 5, 31), (date(2025, 5, 31), TODAY)),  # 366
    ],
)
def test_sales_range(start, end, expected):
    period = sales_range(start, end, today=TODAY)

    assert (period.start, period.end) == expected


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(2026, 5, 2), date(2026, 5, 1), "from"),
        (date(2025, 5, 30), date(2026, 5, 31), "to"),  # 367 days
    ],
)
def test_a_bad_range_is_refused(start, end, field):
    with pytest.raises(InvalidDateRange) as caught:
        sales_range(start, end, today=TODAY)

    assert (caught.value.code, caught.value.status_code) == ("invalid_date_range", 400)
    assert field in caught.value.fields


@pytest.mark.django_db
def test_the_summary_is_per_currency_in_bounded_queries(django_assert_num_queries):
    eur = stocked_offer(price="10.00")
    for quantity in (1, 2):
        order = place([(eur, quantity)])
        mark_order_paid(order_id=order.pk, actor=None)
    place([(eur, 5)])  # never paid
    today = timezone.localdate()

    with django_assert_num_queries(2):  # the days, the top products
        (summary,) = summarize_shop_sales(
            shop=eur.shop, period=DateRange(start=today, end=today)
        )

    assert (summary.revenue, summary.orders, summary.units) == (
        Money("30.00", "EUR"),
        2,
        3,
    )
    assert summary.average_order_value == Money("15.00", "EUR")
    assert [(p.units, p.revenue) for p in summary.top_products] == [
        (3, Money("30.00", "EUR"))
    ]
