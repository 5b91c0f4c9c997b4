"""Trend charts drawn on the server as SVG, so the page and the PDF show the same picture."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 680, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 32, 16, 48


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
    return f"{value.normalize():f}"


def trend_chart(points):
    """Coordinates for a line of actuals and a dashed line of targets across periods, and of a
    report card's baseline forecast where the points carry one.

    Returns None when there is nothing to draw. Estimated and provisional actuals are drawn
    hollow and keep their data key letter.
    """
    values = [v for p in points for v in (p.target, p.actual, p.forecast) if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    low = min(low, Decimal(0))
    if high == low:
        high = low + 1
    low, high, ticks = _axis(Decimal(low), Decimal(high))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(points) - 1, 1)

    def y(value):
        return round(TOP + float((high - value) / (high - low)) * plot_height, 1)

    def x(index):
        return round(LEFT + (index * step if len(points) > 1 else plot_width / 2), 1)

    def line(attribute):
        return " ".join(f"{x(i)},{y(getattr(p, attribute))}" for i, p in enumerate(points)
                        if getattr(p, attribute) is not None)

    legend_y = HEIGHT - 8
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
        "tick_label_x": LEFT - 6, "period_label_y": HEIGHT - BOTTOM + 18,
        "legend": {"y": legend_y, "line_y": legend_y - 4, "actual_x": LEFT, "target_x": LEFT + 290,
                   "forecast_x": LEFT + 380},
        "ticks": [{"y": y(v), "label": _tick_label(v)} for v in ticks],
        "labels": [{"x": x(i), "text": p.label} for i, p in enumerate(points)],
        "actual_line": line("actual"),
        "target_line": line("target"),
        "forecast_line": line("forecast"),
        "actuals": [{"x": x(i), "y": y(p.actual), "estimated": p.data_quality != "A",
                     "data_quality": p.data_quality, "value": p.actual,
                     "key_x": x(i) + 8, "key_y": y(p.actual) - 8}
                    for i, p in enumerate(points) if p.actual is not None],
        "targets": [{"x": x(i) - 4, "y": y(p.target) - 4, "value": p.target}
                    for i, p in enumerate(points) if p.target is not None],
    }
