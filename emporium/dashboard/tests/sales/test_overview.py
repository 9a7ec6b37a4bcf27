"""The sales overview: hand-computed figures of the shop's paid lines only,
a validated date range and a chart drawn on the server."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from emporium.dashboard.tests.sales.conftest import MAX_PAGE_QUERIES, page_queries
from emporium.orders.models import Order
from emporium.orders.services import cancel_order
from emporium.payouts.tests.factories import offer_of, sell

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboard:overview")


def _figures(response) -> dict[str, str]:
    ((summary, _chart),) = response.context["summaries"]
    return {
        "revenue": str(summary.revenue),
        "orders": summary.orders,
        "units": summary.units,
        "average": str(summary.average_order_value),
        "top": [(p.title, p.units, str(p.revenue)) for p in summary.top_products],
    }


def test_the_last_30_days_of_the_shops_paid_sales(north_client, example):
    # North: 2 x Mug for 21.60 (after the voucher) in the example, and now
    # 3 x Cup at 5.00; South's Lamp, an unpaid and a cancelled order do not
    # count. Revenue 36.60 over 2 orders: 18.30 each.
    sell([(offer_of(example.north, "5.00", title="Cup"), 3)])
    sell([(offer_of(example.north, "99.00", title="Unpaid"), 1)], paid=False)
    cancelled = sell([(offer_of(example.north, "50.00", title="Gone"), 1)])
    cancel_order(order_id=cancelled.pk, actor=None, by_staff=True)

    response = north_client.get(OVERVIEW)

    assert response.status_code == 200
    assert _figures(response) == {
        "revenue": "36.60 EUR",
        "orders": 2,
        "units": 5,
        "average": "18.30 EUR",
        "top": [("Mug", 2, "21.60 EUR"), ("Cup", 3, "15.00 EUR")],
    }
    period = response.context["period"]
    assert (period.end - period.start).days == 29
    assert period.end == timezone.localdate()


def test_a_chosen_range_counts_the_days_paid(north_client, example):
    old = sell([(offer_of(example.north, "7.00", title="Old"), 1)])
    paid_at = timezone.now() - timedelta(days=40)
    Order.objects.filter(pk=old.pk).update(paid_at=paid_at)
    day = timezone.localtime(paid_at).date()

    response = north_client.get(
        OVERVIEW, {"from": day.isoformat(), "to": day.isoformat()}
    )

    assert _figures(response)["top"] == [("Old", 1, "7.00 EUR")]
    assert len(response.context["summaries"][0][0].days) == 1


def test_the_chart_is_inline_svg_without_script(north_client, example):
    response = north_client.get(OVERVIEW)

    html = response.content.decode()
    assert "<svg" in html
    assert html.count("<rect") == 30  # one bar a day
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script" not in svg
    ((_summary, chart),) = response.context["summaries"]
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.height == 200  # the best day fills the plot
    assert "€21.60, 1 order" in tallest.label


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "to"),
        ({"from": "yesterday"}, "from"),
    ],
)
def test_a_bad_range_is_refused_on_its_field(north_client, example, query, field):
    response = north_client.get(OVERVIEW, query)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert response.context["summaries"] == []


def test_a_shop_without_sales_sees_so(client, example):
    client.force_login(example.south.owner)
    example.order.__class__.objects.filter(pk=example.order.pk).update(
        paid_at=timezone.now() - timedelta(days=90)
    )

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    assert b"data-no-sales" in response.content


def test_the_overview_runs_the_same_queries_for_few_and_many_sales(
    north_client, example
):
    few, _ = page_queries(north_client, OVERVIEW)
    for _ in range(10):
        sell([(offer_of(example.north, "5.00"), 1)])

    many, _ = page_queries(north_client, OVERVIEW)

    assert few == many < MAX_PAGE_QUERIES  # the frame, days, top products


def test_anonymous_visitors_are_sent_to_sign_in(client, example):
    response = client.get(OVERVIEW)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
