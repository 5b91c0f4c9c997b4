"""Trend charts drawn on the server as SVG, so the page and the PDF show the same picture.

Each chart is laid out twice: wide for desktops and the PDF, narrow for phones, where a
scaled-down wide chart would shrink its text past reading. Margins are measured from the
labels they hold, so no label is clipped, and period labels are thinned out where they would
run into each other.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

WIDE, NARROW = 680, 340
FONT_SIZE = 12
CHAR_WIDTH = 7  # a generous average width of a 12 px Arial character, digits included
TOP, GAP = 16, 8
AXIS_TITLE_X = 14  # the unit, turned upright, left of the tick labels
PERIOD_ROW, LEGEND_ROW = 26, 20
SWATCH = 24  # a legend line's length, before its text


@dataclass(frozen=True)
class Point:
    label: str
    target: Decimal | None
    actual: Decimal | None
    data_quality: str = "A"
    forecast: Decimal | None = None


def _nice_step(span, count):
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `count` intervals."""
    raw = span / count
    power = Decimal(10) ** (raw.adjusted())
    return next(power * m for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5),
                                    Decimal(10)) if power * m >= raw)


def _axis(low, high, count=4):
    """Round axis bounds around the values, and the ticks between them."""
    step = _nice_step(high - low, count)
    bottom = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    top = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks = []
    value = bottom
    while value <= top:
        ticks.append(value)
        value += step
    return bottom, top, ticks


def _tick_label(value):
    return f"{value.normalize():,f}"


def text_width(text):
    return len(text) * CHAR_WIDTH


def label_stride(label_widths, spacing):
    """Label every n-th period, the smallest n at which neighbouring labels keep a gap."""
    widest = max(label_widths, default=0) + GAP
    return max(1, math.ceil(widest / spacing)) if spacing else 1


def legend_rows(widths, available):
    """The legend's items placed left to right, wrapping to a new row where one would not
    fit: each item's (row, x)."""
    placed, row, x = [], 0, 0
    for width in widths:
        if x and x + width > available:
            row, x = row + 1, 0
        placed.append((row, x))
        x += width + 2 * GAP
    return placed


def trend_chart(points, *, unit="", width=WIDE):
    """The layout of a line of actuals and a dashed line of targets across periods (and of a
    report card's baseline forecast where the points carry one), `width` pixels wide, its
    value axis titled with `unit`.

    Returns None when there is nothing to draw. Estimated and provisional actuals are drawn
    hollow and keep their data key letter.
    """
    values = [v for p in points for v in (p.target, p.actual, p.forecast) if v is not None]
    if not values:
        return None
    low, high = min(min(values), Decimal(0)), max(values)
    if high == low:
        high = low + 1
    low, high, ticks = _axis(Decimal(low), Decimal(high))
    tick_labels = [_tick_label(v) for v in ticks]
    label_widths = [text_width(p.label) for p in points]
    half_label = max(label_widths) / 2
    # Room for the upright unit, the widest tick label, and half the first period's label.
    left = max(AXIS_TITLE_X + FONT_SIZE + max(map(text_width, tick_labels)) + GAP, half_label)
    # Room for half the last period's label and for a data key letter beside its point.
    right = max(half_label, GAP + text_width("(E)") + GAP)
    plot_width = width - left - right
    plot_height = 196 if width >= WIDE else 160
    step = plot_width / max(len(points) - 1, 1)
    stride = label_stride(label_widths, step if len(points) > 1 else plot_width)

    def y(value):
        return round(TOP + float((high - value) / (high - low)) * plot_height, 1)

    def x(index):
        return round(left + (index * step if len(points) > 1 else plot_width / 2), 1)

    def line(attribute):
        return " ".join(f"{x(i)},{y(getattr(p, attribute))}" for i, p in enumerate(points)
                        if getattr(p, attribute) is not None)

    forecast_line = line("forecast")
    legend_texts = ["Actual (hollow: estimate or provisional)", "Target"]
    if forecast_line:
        legend_texts.append("Baseline forecast")
    legend_top = TOP + plot_height + PERIOD_ROW + GAP
    placed = legend_rows([SWATCH + GAP + text_width(t) for t in legend_texts], width - 2 * GAP)
    legend = [{"text": text, "x": GAP + at, "text_x": GAP + at + SWATCH + GAP,
               "y": legend_top + row * LEGEND_ROW, "line_y": legend_top + row * LEGEND_ROW - 4}
              for text, (row, at) in zip(legend_texts, placed, strict=True)]
    height = legend_top + placed[-1][0] * LEGEND_ROW + GAP
    return {
        "width": width, "height": height, "left": round(left, 1), "right": round(width - right, 1),
        "unit": unit, "axis_title_x": AXIS_TITLE_X, "axis_title_y": TOP + plot_height / 2,
        "tick_label_x": round(left - GAP, 1),
        "period_label_y": TOP + plot_height + PERIOD_ROW - 8,
        "legend": dict(zip(("actual", "target", "forecast"), legend, strict=False)),
        "ticks": [{"y": y(v), "label": label} for v, label in zip(ticks, tick_labels,
                                                                  strict=True)],
        "labels": [{"x": x(i), "text": p.label} for i, p in enumerate(points)
                   if i % stride == 0],
        "actual_line": line("actual"),
        "target_line": line("target"),
        "forecast_line": forecast_line,
        "actuals": [{"x": x(i), "y": y(p.actual), "estimated": p.data_quality != "A",
                     "data_quality": p.data_quality, "value": p.actual,
                     "key_x": x(i) + GAP, "key_y": y(p.actual) - GAP}
                    for i, p in enumerate(points) if p.actual is not None],
        "targets": [{"x": x(i) - 4, "y": y(p.target) - 4, "value": p.target}
                    for i, p in enumerate(points) if p.target is not None],
    }


def trend_charts(points, *, unit=""):
    """The chart laid out wide and narrow, or None when there is nothing to draw."""
    wide = trend_chart(points, unit=unit, width=WIDE)
    return wide and {"wide": wide, "narrow": trend_chart(points, unit=unit, width=NARROW)}
