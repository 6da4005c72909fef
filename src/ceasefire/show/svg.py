"""Line and bar charts as inline SVG drawn in Python, so a report opens offline with no script,
font or library to fetch.

Every label is escaped here: claimant names and places come from documents, and documents are
hostile input. The SVG carries no namespace URL: inline in HTML it needs none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

WIDTH = 720
_PLOT_HEIGHT = 240
_LEFT, _RIGHT, _TOP = 72, 40, 12  # _RIGHT: room for half the last day's label
_AXIS_ROOM = 28  # under the plot: the day labels
_LEGEND_ROW = 18
_BAR_ROW = 22
_BAR_LABEL_ROOM = 200
_BAR_LABEL_CHARS = 30
_FONT = 'font-family="sans-serif" font-size="11"'
# Okabe-Ito colours, told apart with colour-blindness too; official series are dark and dashed.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#999933")
_OFFICIAL_DASHES = ("6 4", "2 3", "10 3 2 3")
_OFFICIAL_COLOUR = "#333333"
_BAR_COLOUR = "#0072B2"


@dataclass(frozen=True)
class ChartLine:
    """One line of a chart: its label, its values by day, and whether it is an official series
    (drawn dashed, so it never passes for one more claimant)."""

    label: str
    points: tuple[tuple[date, float], ...]
    official: bool = False


def line_chart(title: str, lines: Sequence[ChartLine]) -> str:
    """Values over days, one line per claimant and a dashed one per official series, with a
    legend under the plot; each point's day and value show on hover."""
    points = [point for line in lines for point in line.points]
    first, last = _day_range([day for day, _ in points])
    ticks = _ticks(
        min((v for _, v in points), default=0.0), max((v for _, v in points), default=1.0)
    )
    low, high = ticks[0], ticks[-1]
    width = WIDTH - _LEFT - _RIGHT
    span_days = (last - first).days

    def x(day: date) -> float:
        return _LEFT + width * (day - first).days / span_days

    def y(value: float) -> float:
        return _TOP + _PLOT_HEIGHT * (1 - (value - low) / (high - low))

    parts = [_grid(ticks, y), _day_axis(first, last, x)]
    # Official series first, so that a claimant's line on the same values stays visible.
    for line, stroke, dashes in sorted(_styles(lines), key=lambda styled: not styled[0].official):
        coordinates = [(x(day), y(value)) for day, value in line.points]
        if len(coordinates) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="2"'
                f"{_dash(dashes)}/>"
            )
        for (day, value), (px, py) in zip(line.points, coordinates, strict=True):
            hover = escape(f"{line.label}: {_number(value)} on {day.isoformat()}")
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{stroke}">'
                f"<title>{hover}</title></circle>"
            )
    legend_top = _TOP + _PLOT_HEIGHT + _AXIS_ROOM
    for row, (line, stroke, dashes) in enumerate(_styles(lines)):
        top = legend_top + row * _LEGEND_ROW
        parts.append(
            f'<line x1="{_LEFT}" y1="{top + 6}" x2="{_LEFT + 28}" y2="{top + 6}" '
            f'stroke="{stroke}" stroke-width="2"{_dash(dashes)}/>'
            f'<text x="{_LEFT + 36}" y="{top + 10}" {_FONT}>{escape(line.label)}</text>'
        )
    height = legend_top + len(lines) * _LEGEND_ROW + 4
    return _svg(title, height, parts)


def bar_chart(title: str, bars: Sequence[tuple[str, float]]) -> str:
    """Horizontal bars from zero, one per label, with the value at each bar's end; long labels
    are shortened on the chart and shown whole on hover."""
    peak = max((value for _, value in bars), default=0.0) or 1.0
    room = WIDTH - _BAR_LABEL_ROOM - _RIGHT - 48  # 48: the value written after the bar
    parts = []
    for row, (label, value) in enumerate(bars):
        top = _TOP + row * _BAR_ROW
        length = room * value / peak
        shown = label if len(label) <= _BAR_LABEL_CHARS else label[: _BAR_LABEL_CHARS - 1] + "…"
        parts.append(
            f"<g><title>{escape(f'{label}: {_number(value)}')}</title>"
            f'<text x="{_BAR_LABEL_ROOM - 6}" y="{top + 14}" text-anchor="end" {_FONT}>'
            f"{escape(shown)}</text>"
            f'<rect x="{_BAR_LABEL_ROOM}" y="{top + 3}" width="{length:.1f}" '
            f'height="{_BAR_ROW - 6}" fill="{_BAR_COLOUR}"/>'
            f'<text x="{_BAR_LABEL_ROOM + length + 4:.1f}" y="{top + 14}" {_FONT}>'
            f"{_number(value)}</text></g>"
        )
    return _svg(title, _TOP + len(bars) * _BAR_ROW + 8, parts)


def _svg(title: str, height: int, parts: list[str]) -> str:
    """The chart, its title its accessible name (the page's heading shows it to the eye)."""
    body = "".join(parts)
    return (
        f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _styles(lines: Sequence[ChartLine]) -> list[tuple[ChartLine, str, str | None]]:
    """Each line with its colour and dash pattern: claimants in colours, official series dashed."""
    styled: list[tuple[ChartLine, str, str | None]] = []
    claimed = official = 0
    for line in lines:
        if line.official:
            styled.append((line, _OFFICIAL_COLOUR, _OFFICIAL_DASHES[official % 3]))
            official += 1
        else:
            styled.append((line, _COLOURS[claimed % len(_COLOURS)], None))
            claimed += 1
    return styled


def _dash(dashes: str | None) -> str:
    return f' stroke-dasharray="{dashes}"' if dashes else ""


def _grid(ticks: list[float], y: Callable[[float], float]) -> str:
    """Horizontal rules at the value ticks, labelled on the left."""
    rules = []
    for value in ticks:
        level = y(value)
        rules.append(
            f'<line x1="{_LEFT}" y1="{level:.1f}" x2="{WIDTH - _RIGHT}" y2="{level:.1f}" '
            f'stroke="#dddddd"/><text x="{_LEFT - 6}" y="{level + 4:.1f}" text-anchor="end" '
            f"{_FONT}>{_number(value)}</text>"
        )
    return "".join(rules)


def _day_axis(first: date, last: date, x: Callable[[date], float]) -> str:
    """Up to six days labelled under the plot, the first and last always."""
    total = (last - first).days
    steps = min(5, total)
    days = sorted({first + timedelta(days=round(total * n / steps)) for n in range(steps + 1)})
    bottom = _TOP + _PLOT_HEIGHT
    marks = [
        f'<line x1="{_LEFT}" y1="{bottom}" x2="{WIDTH - _RIGHT}" y2="{bottom}" stroke="#888888"/>'
    ]
    for day in days:
        marks.append(
            f'<text x="{x(day):.1f}" y="{bottom + 16}" text-anchor="middle" {_FONT}>'
            f"{day.isoformat()}</text>"
        )
    return "".join(marks)


def _day_range(days: list[date]) -> tuple[date, date]:
    """The first and last day, a day apart at least so that one day still has a width."""
    if not days:
        today = date.today()
        return today, today + timedelta(days=1)
    first, last = min(days), max(days)
    return (first, last) if last > first else (first - timedelta(days=1), last + timedelta(days=1))


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values (steps of 1, 2 or 5 times a power of ten) enclosing low..high."""
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    first = math.floor(low / step)
    last = math.ceil(high / step)
    # Multiplied, not added up, so that 0.1 steps do not drift to 0.30000000000000004.
    return [round(n * step, 10) for n in range(first, last + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
