"""The trend chart: every label inside the picture, period labels never running into each
other at either width, and the value axis titled with the indicator's unit."""

from decimal import Decimal

import pytest

from indicators.charts import (
    NARROW,
    WIDE,
    Point,
    label_stride,
    legend_rows,
    text_width,
    trend_chart,
    trend_charts,
)


def quarters(count, value="5.3", label="2009/10 Q{}"):
    return [Point(label=label.format(i % 4 + 1), target=Decimal(value), actual=Decimal(value),
                  data_quality="E" if i == count - 1 else "A", forecast=Decimal(value))
            for i in range(count)]


def spans(chart):
    """Each text's left and right edge, as drawn."""
    for label in chart["labels"]:
        half = text_width(label["text"]) / 2
        yield label["text"], label["x"] - half, label["x"] + half
    for tick in chart["ticks"]:
        yield tick["label"], chart["tick_label_x"] - text_width(tick["label"]), \
            chart["tick_label_x"]
    for point in chart["actuals"]:
        if point["estimated"]:
            yield "key", point["key_x"], point["key_x"] + text_width("(E)")
    for item in chart["legend"].values():
        yield item["text"], item["x"], item["text_x"] + text_width(item["text"])


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize(("count", "value"), [(1, "5.3"), (4, "99.5"), (12, "5.3"),
                                               (21, "123456789"), (8, "-2500.25")])
def test_no_label_is_clipped_or_overlaps_another(width, count, value):
    chart = trend_chart(quarters(count, value), unit="Percent", width=width)
    for text, left, right in spans(chart):
        assert left >= 0 and right <= width, text
    assert chart["axis_title_x"] + 12 / 2 < chart["tick_label_x"] - max(
        text_width(t["label"]) for t in chart["ticks"])
    shown = chart["labels"]
    assert shown[0]["text"] == "2009/10 Q1"
    for before, after in zip(shown, shown[1:], strict=False):
        assert before["x"] + text_width(before["text"]) / 2 < after["x"] - text_width(
            after["text"]) / 2
    legend_bottom = max(item["y"] for item in chart["legend"].values())
    assert legend_bottom < chart["height"]


def test_the_value_axis_is_titled_with_the_unit_on_both_layouts():
    charts = trend_charts(quarters(4), unit="Rate per 1,000")
    assert charts["wide"]["width"] == WIDE and charts["narrow"]["width"] == NARROW
    assert charts["wide"]["unit"] == charts["narrow"]["unit"] == "Rate per 1,000"


def test_a_chart_with_nothing_to_draw_is_none():
    assert trend_charts([Point(label="2009/10 Q1", target=None, actual=None)]) is None


def test_large_figures_are_labelled_with_thousands_separators():
    chart = trend_chart(quarters(2, "250000"))
    assert [t["label"] for t in chart["ticks"]] == ["0", "100,000", "200,000", "300,000"]


@pytest.mark.parametrize(("widths", "spacing", "stride"), [
    ([70, 70], 200, 1), ([70, 70], 78, 1), ([70, 70], 77, 2), ([70, 70], 20, 4), ([], 50, 1),
])
def test_label_stride(widths, spacing, stride):
    assert label_stride(widths, spacing) == stride


@pytest.mark.parametrize(("widths", "available", "placed"), [
    ([100, 100], 300, [(0, 0), (0, 116)]),
    ([100, 100], 200, [(0, 0), (1, 0)]),
    ([300, 50, 50], 320, [(0, 0), (1, 0), (1, 66)]),
])
def test_legend_rows(widths, available, placed):
    assert legend_rows(widths, available) == placed
