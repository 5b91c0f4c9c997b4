"""The demo's indicators of a partnership, from `<slug>_indicators.json`: targets and actuals
as the seeds publish them, and the quarter the partnership is collecting now."""

from decimal import Decimal

from priorities.models import Priority
from trust_portal.core.models import Partnership
from trust_portal.demo.fixtures import read_fixture

from .models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from .rag import Direction


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _as_printed(value, unit):
    """A figure as a seed prints it: 0.7, 565, 21%."""
    return f"{Decimal(str(value)).normalize():f}{'%' if unit == 'percent' else ''}"


def _indicator(partnership, data, priorities, **extra):
    indicator = Indicator.objects.create(
        partnership=partnership, code=data["code"], title=data["title"], unit=data["unit"],
        decimals=data["decimals"] if data.get("decimals") is not None else 1,
        lower_is_better=data["polarity"] == "lower", **extra,
    )
    indicator.priorities.set(priorities[ref] for ref in data.get("priorities", [])
                             if ref in priorities)
    return indicator


def load(partnership: Partnership) -> None:
    data = read_fixture(f"{partnership.slug}_indicators")
    priorities = {p.reference: p for p in Priority.objects.filter(
        outcome__plan__partnership=partnership)}
    people = {p.name: p for p in partnership.people.all()}

    def period(name):
        return ReportingPeriod.objects.named(partnership, name, create=True)

    for item in data["indicators"]:
        extra = {key: item[key] for key in ("portfolio", "strategic_objective", "outcome",
                                            "is_laa", "is_key", "is_obsession") if key in item}
        if "baseline" in item:
            extra["baseline"] = item["baseline"]["text"]
        elif baseline := next((point for point in item.get("series", [])
                               if point["period"] == "Baseline"
                               and point["actual"] is not None), None):
            extra["baseline"] = _as_printed(baseline["actual"], item["unit"])
        indicator = _indicator(partnership, item, priorities, **extra)
        indicator.responsible_officers.set(people[name] for name in
                                           item.get("responsible_officers", []) if name in people)
        for target in item.get("targets", []):
            Target.objects.create(indicator=indicator, period=period(target["period"]),
                                  value=_decimal(target["value"]))
        for reading in filter(None, [item.get("actual"), item.get("previous")]):
            stated = ""
            if reading is item.get("actual") and "published" in item:
                # The arrow the published report shows; where the seed lost it, not recorded.
                stated = item["published"]["direction"] or Direction.NOT_RECORDED
            Actual.objects.create(
                stated_direction=stated,
                indicator=indicator, period=period(reading["period"]),
                value=_decimal(reading["value"]),
                data_quality=reading.get("data_quality") or DataQuality.ACTUAL,
                forecast=_decimal(reading.get("forecast")),
                context=reading.get("context", ""),
                corrective_action=reading.get("corrective_action", ""),
                status=Actual.Status.SUBMITTED,
            )
        for point in item.get("series", []):
            if point["period"] == "Baseline":
                continue
            if point["target"] is not None:
                Target.objects.create(indicator=indicator, period=period(point["period"]),
                                      value=_decimal(point["target"]))
            if point["actual"] is not None:
                Actual.objects.create(indicator=indicator, period=period(point["period"]),
                                      value=_decimal(point["actual"]), context=point["note"],
                                      status=Actual.Status.SUBMITTED)
    if "open_period" in data:
        # The quarter the partnership is collecting now, open for performance officers' entry.
        open_quarter = period(data["open_period"])
        open_quarter.is_open = True
        open_quarter.save()
