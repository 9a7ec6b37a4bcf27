"""The overview's bar chart geometry, pure."""

from datetime import date

from emporium.core.money import Money
from emporium.dashboard.sales.charts import HEIGHT, WIDTH, bar_chart
from emporium.orders.sales import DaySales


def _day(n: int, amount: str, currency: str = "EUR", orders: int = 1) -> DaySales:
    return DaySales(
        day=date(2026, 5, n), revenue=Money(amount, currency), orders=orders, units=1
    )


def test_bars_are_in_proportion_to_the_best_day():
    chart = bar_chart([_day(1, "10.00"), _day(2, "40.00"), _day(3, "0")])

    assert [bar.height for bar in chart.bars] == [50, 200, 0]
    assert [bar.y for bar in chart.bars] == [150, 0, 200]
    assert [bar.x for bar in chart.bars] == [24, 264, 504]  # slots of 240
    assert {bar.width for bar in chart.bars} == {192}  # 20 % left as a gap
    assert [(line.y, line.label) for line in chart.grid] == [
        (0, "€40.00"),
        (100, "€20.00"),
    ]
    assert [line.top_percent for line in chart.grid] == [0, 50]
    assert (chart.first_day, chart.last_day) == ("01 May", "03 May")
    assert chart.bars[1].label == "02 May 2026: €40.00, 1 order"
    assert (chart.width, chart.height) == (WIDTH, HEIGHT)


def test_days_without_sales_draw_no_grid():
    chart = bar_chart([_day(1, "0", orders=0), _day(2, "0", orders=0)])

    assert {bar.height for bar in chart.bars} == {0}
    assert chart.grid == ()
    assert chart.bars[0].label == "01 May 2026: €0.00, 0 orders"


def test_yen_labels_have_no_decimals():
    chart = bar_chart([_day(1, "1500", "JPY", orders=2)])

    assert [line.label for line in chart.grid] == ["¥1,500", "¥750"]
    assert chart.bars[0].label == "01 May 2026: ¥1,500, 2 orders"
