"""The overview's daily chart, pure: bar geometry for an inline SVG.

The server draws the chart (no script, no chart library): one bar per day,
its height in proportion to the day's revenue, and grid lines at half and
all of the best day. The SVG holds only shapes in its own units
(`viewBox`, stretched to the box it is drawn in); its labels are HTML
placed beside it, so they keep their size on a phone and a wide screen.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from emporium.core.money import Money, format_money
from emporium.orders.sales import DaySales

WIDTH = 720
HEIGHT = 200
GAP = Decimal("0.2")  # of each day's slot, left empty between bars
GRID_SHARES = (Decimal(1), Decimal("0.5"))


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
    def top_percent(self) -> Decimal:
        """Where the line is, from the top of the chart, in percent."""
        return _round(self.y * 100 / HEIGHT)


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    first_day: str
    last_day: str


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def _orders(count: int) -> str:
    return f"{count} order{'' if count == 1 else 's'}"


def bar_chart(days: Sequence[DaySales]) -> BarChart:
    """The bars and grid lines of `days` (revenue per day)."""
    top = max((day.revenue.amount for day in days), default=Decimal(0))
    slot = Decimal(WIDTH) / max(len(days), 1)
    bars = tuple(
        Bar(
            x=_round(slot * index + slot * GAP / 2),
            y=_round(HEIGHT - height),
            width=_round(slot * (1 - GAP)),
            height=_round(height),
            day=day,
            label=f"{day.day:%d %b %Y}: {format_money(day.revenue)}, "
            f"{_orders(day.orders)}",
        )
        for index, day in enumerate(days)
        for height in [HEIGHT * day.revenue.amount / top if top else Decimal(0)]
    )
    grid = ()
    if top:
        currency = days[0].revenue.currency
        grid = tuple(
            GridLine(
                y=_round(HEIGHT - HEIGHT * share),
                label=format_money(Money(top * share, currency)),
            )
            for share in GRID_SHARES
        )
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        grid=grid,
        first_day=f"{days[0].day:%d %b}" if days else "",
        last_day=f"{days[-1].day:%d %b}" if days else "",
    )
