"""The report's timeline: changes per month (per year over long ranges) per list, as the
geometry of a stacked bar chart that the HTML template draws as inline SVG."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from ..report import Report

__all__ = ["PALETTE", "Bar", "Chart", "timeline"]

#: Colours that stay apart for the common kinds of colour blindness (Okabe and Ito's set).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#555555", "#f0e442")
#: Beyond this many months the chart counts per year.
MAX_MONTHS = 72
#: The widest a bar gets, so that a few months do not look like a wall.
MAX_BAR = 56

WIDTH, HEIGHT = 960, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 30


@attrs.frozen
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@attrs.frozen
class Label:
    x: float
    y: float
    text: str


@attrs.frozen
class Chart:
    """Everything the template needs to draw the chart; ``bars`` is empty when nothing changed."""

    bars: tuple[Bar, ...]
    x_labels: tuple[Label, ...]
    y_labels: tuple[Label, ...]
    gridlines: tuple[float, ...]
    legend: tuple[tuple[str, str, int], ...]  # (list id, colour, changes)
    unit: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def _ticks(peak: int) -> list[int]:
    """Round tick values from 0 to at least ``peak`` (at least 1): at most four steps of
    1, 2 or 5 × 10^n."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            count = -(-max(peak, 1) // step)
            if count <= 4:
                return list(range(0, step * count + 1, step))
        magnitude *= 10


def _month(day: dt.date) -> tuple[int, int]:
    return (day.year, day.month)


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    year, month = first
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline(report: Report) -> Chart:
    items = [(s.list_id, i.date.start) for s in report.sections for i in s.items]
    colours = {s.list_id: PALETTE[n % len(PALETTE)] for n, s in enumerate(report.sections)}
    totals = Counter(list_id for list_id, _ in items)
    # Only the lists that changed: a legend entry with no bar would name a colour never drawn.
    legend = tuple(
        (s.list_id, colours[s.list_id], totals[s.list_id])
        for s in report.sections
        if totals[s.list_id]
    )
    if not items:
        return Chart((), (), (), (), legend, "month", "No changes in this range.")
    days = [d for _, d in items]
    first = _month(min([*days, *([report.since] if report.since else [])]))
    last = _month(max([*days, *([report.until] if report.until else [])]))
    slots = _months(first, last)
    yearly = len(slots) > MAX_MONTHS
    if yearly:
        slots = [(y, 1) for y in range(first[0], last[0] + 1)]
    index = {slot: n for n, slot in enumerate(slots)}

    def slot_of(day: dt.date) -> int:
        return index[(day.year, 1) if yearly else _month(day)]

    counts = Counter((slot_of(d), list_id) for list_id, d in items)
    per_slot = Counter(slot_of(d) for d in days)
    peak = max(per_slot.values())
    ticks = _ticks(peak)
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(slots)
    gap = min(2.0, step * 0.2)
    width = min(step - gap, MAX_BAR)
    bars = []
    for n, slot in enumerate(slots):
        y = float(HEIGHT - BOTTOM)
        for section in report.sections:
            count = counts.get((n, section.list_id), 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            when = str(slot[0]) if yearly else f"{slot[0]}-{slot[1]:02d}"
            title = f"{when}, {section.list_id}: {count} change{'' if count == 1 else 's'}"
            bars.append(
                Bar(round(LEFT + n * step + (step - width) / 2, 2), round(y, 2), round(width, 2),
                    round(h, 2), colours[section.list_id], title)
            )  # fmt: skip
    # At most about twelve labels, evenly spaced from the first slot: years on a yearly chart,
    # months (YYYY-MM) on a monthly one, so that every labelled bar says which month it is.
    every = -(-len(slots) // 12)
    x_labels = [
        Label(
            round(LEFT + n * step + step / 2, 2),
            HEIGHT - BOTTOM + 18,
            str(slot[0]) if yearly else f"{slot[0]}-{slot[1]:02d}",
        )
        for n, slot in enumerate(slots)
        if n % every == 0
    ]
    y_labels = tuple(
        Label(LEFT - 6, round(HEIGHT - BOTTOM - plot_h * v / top + 4, 2), str(v)) for v in ticks
    )
    grid = tuple(round(HEIGHT - BOTTOM - plot_h * v / top, 2) for v in ticks)
    unit = "year" if yearly else "month"
    description = (
        f"Changes per {unit} and list, {slots[0][0]} to {slots[-1][0]}; "
        f"busiest {unit}: {peak} change{'' if peak == 1 else 's'}."
    )
    return Chart(tuple(bars), tuple(x_labels), y_labels, grid, legend, unit, description)
