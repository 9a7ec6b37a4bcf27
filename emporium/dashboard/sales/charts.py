"""The overview's daily chart, pure: bar geometry for an inline SVG.

The server draws the chart (no script, no chart library): one bar per day,
its height in proportion to the day's revenue, and three grid lines.
Coordinates are in the SVG's own units (`viewBox`), so it scales with the
page.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from emporium.core.money import Money, format_money
from emporium.orders.sales import DaySales

WIDTH = 720
HEIGHT = 240
PLOT_TOP = 12
PLOT_BOTTOM = 212  # the axis; day labels below
PLOT_LEFT = 0
GAP = Decimal("0.2")  # of each day's slot, left empty between bars


@dataclass(frozen=True, slots=True)
class Bar:
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    day: DaySales
    label: str


@dataclass(frozen=True, slots=True)
class GridLine:
    y: Decimal
    label: str

    @property
    def label_y(self) -> Decimal:
        return self.y - 4


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    axis_y: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    first_day: str
    last_day: str
    label_y: int


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def bar_chart(days: Sequence[DaySales]) -> BarChart:
    """The bars and grid lines of `days` (revenue per day)."""
    plot_height = Decimal(PLOT_BOTTOM - PLOT_TOP)
    top = max((day.revenue.amount for day in days), default=Decimal(0))
    slot = Decimal(WIDTH - PLOT_LEFT) / max(len(days), 1)
    bars = []
    for index, day in enumerate(days):
        height = plot_height * day.revenue.amount / top if top else Decimal(0)
        bars.append(
            Bar(
                x=_round(PLOT_LEFT + slot * index + slot * GAP / 2),
                y=_round(PLOT_BOTTOM - height),
                width=_round(slot * (1 - GAP)),
                height=_round(height),
                day=day,
                label=f"{day.day:%d %b %Y}: {format_money(day.revenue)}, "
                f"{day.orders} order{'s' if day.orders != 1 else ''}",
            )
        )
    grid = tuple(
        GridLine(
            y=_round(PLOT_BOTTOM - plot_height * share),
            label=format_money(Money(top * share, _currency(days))) if days else "",
        )
        for share in (Decimal("0.5"), Decimal(1))
    )
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        axis_y=PLOT_BOTTOM,
        bars=tuple(bars),
        grid=grid if top else (),
        first_day=f"{days[0].day:%d %b}" if days else "",
        last_day=f"{days[-1].day:%d %b}" if days else "",
        label_y=HEIGHT - 8,
    )


def _currency(days: Sequence[DaySales]) -> str:
    return days[0].revenue.currency
