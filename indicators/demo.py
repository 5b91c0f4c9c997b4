"""The demo's indicators of a partnership, from `<slug>_indicators.json`: targets and actuals
as the seeds publish them, and the quarter the partnership is collecting now; and its report
cards, from `<slug>_cards.json` where the seeds print or describe them.

The seeds' figures were published, so the board reads them: each is recorded as entered by
the partnership's demo performance officer and then signed off by its demo performance
manager (logins named after their roles: the seeds name neither), so that every figure's
history says who entered it and who signed it off, and when.
"""

from decimal import Decimal

from django.utils import timezone

from priorities.models import Priority
from trust_portal.core.history import record_user
from trust_portal.core.models import Partnership, Role
from trust_portal.demo.fixtures import fixture_exists, read_fixture
from trust_portal.demo.loaders import demo_login

from .cards import CardIndicator, ReportCard
from .models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from .rag import Direction
from .services import sign_off_actuals


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


def _entered(record, officer):
    """Save a new target or actual as entered by the demo's performance officer."""
    if isinstance(record, Actual):
        record.status, record.entered_by, record.entered_at = (
            Actual.Status.SUBMITTED, officer, timezone.now())
    record_user(record, officer)
    record.save()
    return record


def load(partnership: Partnership) -> None:
    officer = demo_login(partnership, Role.PERFORMANCE_OFFICER)
    load_indicators(partnership, officer)
    load_cards(partnership, officer)
    sign_off_all(partnership, demo_login(partnership, Role.PERFORMANCE_MANAGER))


def sign_off_all(partnership: Partnership, manager) -> None:
    """Sign off every figure of the partnership waiting for it, as its performance manager."""
    waiting = Actual.objects.filter(indicator__partnership=partnership,
                                    status=Actual.Status.SUBMITTED).select_related("period")
    by_period: dict[ReportingPeriod, dict[int, int]] = {}
    for actual in waiting:
        by_period.setdefault(actual.period, {})[actual.indicator_id] = actual.version
    for period, versions in by_period.items():
        sign_off_actuals(period=period, versions=versions, user=manager)


def load_indicators(partnership: Partnership, officer) -> None:
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
            _entered(Target(indicator=indicator, period=period(target["period"]),
                            value=_decimal(target["value"])), officer)
        for reading in filter(None, [item.get("actual"), item.get("previous")]):
            stated = ""
            if reading is item.get("actual") and "published" in item:
                # The arrow the published report shows; where the seed lost it, not recorded.
                stated = item["published"]["direction"] or Direction.NOT_RECORDED
            _entered(Actual(
                stated_direction=stated,
                indicator=indicator, period=period(reading["period"]),
                value=_decimal(reading["value"]),
                data_quality=reading.get("data_quality") or DataQuality.ACTUAL,
                forecast=_decimal(reading.get("forecast")),
                context=reading.get("context", ""),
                corrective_action=reading.get("corrective_action", ""),
            ), officer)
        for point in item.get("series", []):
            if point["period"] == "Baseline":
                continue
            if point["target"] is not None:
                _entered(Target(indicator=indicator, period=period(point["period"]),
                                value=_decimal(point["target"])), officer)
            if point["actual"] is not None:
                _entered(Actual(indicator=indicator, period=period(point["period"]),
                                value=_decimal(point["actual"]), context=point["note"]),
                         officer)
    if "open_period" in data:
        # The quarter the partnership is collecting now, open for performance officers' entry.
        open_quarter = period(data["open_period"])
        open_quarter.is_open = True
        open_quarter.save()


def load_cards(partnership: Partnership, officer) -> None:
    """Each card on the priority it serves, headed by indicators loaded above, its sections
    as the seed prints them. A figure the seed gives that no indicator holds yet (a Leeds
    baseline) becomes that indicator's actual; a year the seed prints in words (N/A) an actual
    without a value, its words kept as the actual's context. The seeds date no card, so none
    is "as at" a period."""
    if not fixture_exists(f"{partnership.slug}_cards"):
        return
    priorities = {p.reference: p for p in Priority.objects.for_partnership(partnership)}
    indicators = {i.code: i for i in Indicator.objects.filter(partnership=partnership)}

    def period(name):
        return ReportingPeriod.objects.named(partnership, name, create=True)

    for order, data in enumerate(read_fixture(f"{partnership.slug}_cards")["cards"]):
        card = ReportCard.objects.create(priority=priorities[data["priority"]],
                                         title=data["title"], order=order, **data["sections"])
        for line_order, line in enumerate(data["indicators"]):
            indicator = indicators[line["code"]]
            if "actual" in line:
                reading = line["actual"]
                _entered(Actual(indicator=indicator, period=period(reading["period"]),
                                value=_decimal(reading["value"]),
                                context=reading["context"]), officer)
            for name, words in line.get("as_printed", {}).items():
                if not Actual.objects.filter(indicator=indicator, period=period(name)).exists():
                    _entered(Actual(indicator=indicator, period=period(name), value=None,
                                    context=words), officer)
            CardIndicator.objects.create(
                card=card, indicator=indicator, order=line_order,
                baseline_period=period(line["baseline_period"])
                if "baseline_period" in line else None,
                baseline_target=_decimal(line.get("baseline_target")),
                baseline_actual=_decimal(line.get("baseline_actual")),
                undated_heading=line.get("undated_heading", "Baseline"),
                printed_changes=line.get("printed_changes", {}))

