"""What a report card shows, as plain data: the same for the page, the PDF, the pack and the
frozen copy a publication keeps (so a published card renders without reading any figure).

Read cards through `ReportCard.objects.with_figures()`; nothing here queries again.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string

from . import curve, rag
from .cards import ReportCard
from .charts import Point, trend_charts
from .models import Indicator, ReportingPeriod, TolerancePolicy

QUARTER = ReportingPeriod.Kind.QUARTER


def position(period):
    """Where a period starts, in years: 2006 for calendar 2006, 2005.25 for 2005/06."""
    return Decimal(period.months[0]) / 12


def date_position(day):
    return Decimal(day.year) + Decimal(day.month - 1) / 12


def percent_text(value):
    """A change in whole percent, signed as the plans print it: -28%, +12%, 0%."""
    if value is None:
        return ""
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return "0%" if whole == 0 else f"{whole:+f}%"


def difference_text(indicator, value):
    """A difference of two figures, e.g. 0.9, or 1.20 percentage points for a percentage."""
    text = indicator.format(abs(value)).removesuffix("%")
    return f"{text} percentage points" if indicator.unit == Indicator.Unit.PERCENT else text


def _period_after(period):
    """The period of the same kind that follows `period` (unsaved)."""
    if period.kind == QUARTER:
        year, quarter = (period.year, period.quarter + 1) if period.quarter < 4 else (
            period.year + 1, 1)
        return ReportingPeriod(kind=QUARTER, year=year, quarter=quarter)
    return ReportingPeriod(kind=period.kind, year=period.year + 1)


def with_gaps(periods):
    """`periods` in order, with the periods of the same kind missing between two of them
    (unsaved), so that a year or quarter without a figure shows as a gap."""
    filled = []
    for period in periods:
        if filled and filled[-1].kind == period.kind:
            following = _period_after(filled[-1])
            while following.months < period.months:
                filled.append(following)
                following = _period_after(following)
        filled.append(period)
    return filled


def _extension(last, ends_on):
    """Labels and positions of the years after `last` up to the plan's end, so the forecast
    reaches it; quarters are not extended."""
    if last.kind == QUARTER:
        return []
    years, year = [], last.year + 1
    while (at := Decimal(year) + (position(last) - last.year)) <= date_position(ends_on):
        label = (str(year) if last.kind == ReportingPeriod.Kind.CALENDAR_YEAR
                 else f"{year}/{(year + 1) % 100:02d}")
        years.append((label, at))
        year += 1
    return years


def indicator_block(line, plan, bands):
    """One headline indicator: its where-are-we-now columns, headline figure, turn, chart."""
    indicator = line.indicator
    targets = {t.period_id: t for t in indicator.targets.all()}
    actuals = {a.period_id: a for a in indicator.actuals.all()}
    periods = with_gaps(sorted({x.period for x in [*targets.values(), *actuals.values()]},
                               key=lambda period: period.months))
    baseline_value = line.baseline_actual
    if line.baseline_period_id and line.baseline_period_id in actuals:
        baseline_value = actuals[line.baseline_period_id].value
    columns = []
    if line.baseline_period_id is None and (line.baseline_actual is not None
                                            or line.baseline_target is not None):
        columns.append({"label": line.undated_heading, "baseline": True, "undated": True,
                        "target": indicator.format(line.baseline_target),
                        "actual": indicator.format(line.baseline_actual),
                        "data_quality": "", "note": "", "change": "", "printed_change": ""})
    for period in periods:
        target, actual = targets.get(period.pk), actuals.get(period.pk)
        value = actual.value if actual else None
        compared = value if value is not None else (target.value if target else None)
        is_baseline = period.pk is not None and period.pk == line.baseline_period_id
        change = "" if is_baseline else percent_text(
            curve.change_since_baseline(baseline_value, compared))
        printed = line.printed_changes.get(period.name, "")
        columns.append({
            "label": period.name, "baseline": is_baseline,
            "undated": False, "target": indicator.format(target.value) if target else "",
            "actual": indicator.format(value),
            "data_quality": actual.data_quality if value is not None else "",
            # A figure the plan prints as words (N/A, Tbc) is kept as the actual's context.
            "note": actual.context if actual and value is None else "",
            "change": change, "printed_change": printed if printed != change else "",
        })
    with_values = [(position(a.period), a.value) for a in actuals.values()
                   if a.value is not None]
    latest = max(with_values, default=None)
    latest_actual = next((a for a in actuals.values() if latest
                          and position(a.period) == latest[0]), None)
    forecast = curve.baseline_forecast(with_values,
                                       plan_starts=date_position(plan.starts_on))
    the_turn = curve.turn(forecast, latest, lower_is_better=indicator.lower_is_better)
    return {
        "code": indicator.code, "title": indicator.title, "url": indicator.get_absolute_url(),
        "unit": indicator.get_unit_display(),
        "polarity": "lower is better" if indicator.lower_is_better else "higher is better",
        "baseline_text": indicator.baseline,
        "columns": columns,
        "latest": {"value": indicator.format(latest_actual.value),
                   "period": latest_actual.period.name,
                   "data_quality": latest_actual.data_quality} if latest_actual else None,
        # Nothing to say of a change while the latest actual is the baseline itself.
        "change": "" if latest_actual is None or latest_actual.period_id == line.baseline_period_id
        else percent_text(curve.change_since_baseline(baseline_value, latest_actual.value)),
        "turning": the_turn.turning,
        "turn_sentence": turn_sentence(indicator, the_turn, latest_actual, plan),
        "rating": quarter_rating(indicator, targets, actuals, bands),
        "chart_svg": chart_svg(indicator, periods, targets, actuals, forecast, plan),
    }


def turn_sentence(indicator, the_turn, latest_actual, plan):
    if the_turn.turning is None:
        return f"Whether the curve is turning cannot be told yet. {the_turn.reason}"
    figure = (f"the latest actual, {indicator.format(the_turn.actual)} in "
              f"{latest_actual.period.name}")
    forecast = (f"the baseline forecast of {indicator.format(the_turn.forecast)} for that "
                f"year (the trend before {plan.starts_on:%B %Y})")
    if the_turn.better_by == 0:
        return f"The curve is not turning: {figure}, is on {forecast}."
    percent = "" if the_turn.percent is None else f" ({abs(the_turn.percent):.1f}%)"
    how = f"{difference_text(indicator, the_turn.better_by)}{percent}"
    if the_turn.turning:
        return f"The curve is turning: {figure}, is {how} better than {forecast}."
    return f"The curve is not turning: {figure}, is {how} worse than {forecast}."


def quarter_rating(indicator, targets, actuals, bands):
    """The RAG rating of the latest quarter with an actual, if that quarter has a target."""
    quarters = [a for a in actuals.values() if a.period.kind == QUARTER and a.value is not None]
    if not quarters:
        return None
    actual = max(quarters, key=lambda a: a.period.months)
    target = targets.get(actual.period_id)
    if target is None:
        return None
    assessment = rag.rate(actual=actual.value, target=target.value,
                          **indicator.rating_terms(bands))
    return {"period": actual.period.name, "outcome": assessment.outcome.value,
            "label": assessment.label, "explanation": assessment.explanation}


def chart_svg(indicator, periods, targets, actuals, forecast, plan):
    points = [(p.name, position(p), targets.get(p.pk), actuals.get(p.pk)) for p in periods]
    if periods:
        points += [(label, at, None, None) for label, at in _extension(periods[-1],
                                                                       plan.ends_on)]
    charts = trend_charts([Point(
        label=label, target=target.value if target else None,
        actual=actual.value if actual else None,
        data_quality=actual.data_quality if actual else "A",
        forecast=forecast.at(at) if forecast and at >= forecast.fitted_from else None,
    ) for label, at, target, actual in points], unit=indicator.get_unit_display())
    if charts is None:
        return ""
    return render_to_string("partials/_trend_charts.html",
                            {"charts": charts, "indicator": indicator})


def action_plan(priority):
    """The priority's actions and milestones as they stand, overdue ones flagged. The keys of
    a milestone are those `partials/_milestone_status.html` reads of a Milestone."""
    return [{
        "number": action.number, "description": action.description, "owner": action.owner,
        "milestones": [{
            "description": milestone.description, "due_text": milestone.due_text,
            "status": milestone.status, "get_status_display": milestone.get_status_display(),
            "is_overdue": milestone.is_overdue,
        } for milestone in action.milestones.all()],
    } for action in priority.actions.all()]


def card_document(card: ReportCard, bands=rag.WIRRAL_BANDS) -> dict:
    """Everything the card shows, as text and numbers a JSON field can keep."""
    priority = card.priority
    plan = priority.outcome.plan
    return {
        "title": card.title,
        "as_at": card.period.name if card.period else "",
        "priority": f"{priority.reference} {priority.title}",
        "priority_url": priority.get_absolute_url(),
        "outcome": priority.outcome.title,
        "plan": plan.title,
        "is_obsession": any(line.indicator.is_obsession for line in card.lines.all()),
        "indicators": [indicator_block(line, plan, bands) for line in card.lines.all()],
        "sections": [{"key": name,
                      "heading": ReportCard._meta.get_field(name).verbose_name.capitalize(),
                      "text": getattr(card, name)} for name in ReportCard.SECTIONS],
        "actions": action_plan(priority),
    }


def scorecard(plan, outcomes=None):
    """The plan's outcomes (or those of `outcomes`, a queryset of them), each with a line per
    report card of its priorities (a priority without one says so), obsessions first: every
    card's document with its headline."""
    outcomes_read = plan.outcomes.all() if outcomes is None else outcomes
    bands = TolerancePolicy.bands_for(plan.partnership_id)
    cards = {}
    for card in ReportCard.objects.filter(priority__outcome__in=outcomes_read).with_figures():
        cards.setdefault(card.priority_id, []).append(card)
    outcomes = []
    for outcome in outcomes_read.prefetch_related("priorities"):
        lines = []
        for priority in outcome.priorities.all():
            for card in cards.get(priority.pk, []):
                document = card_document(card, bands)
                lines.append({"priority": priority, "card": card, "document": document,
                              "headline": next(iter(document["indicators"]), None)})
            if priority.pk not in cards:
                lines.append({"priority": priority, "card": None})
        lines.sort(key=lambda line: not (line["card"] and line["document"]["is_obsession"]))
        outcomes.append({"outcome": outcome, "lines": lines})
    return outcomes


def compare_versions(older, newer):
    """Two published versions of a card side by side: its sections' text and its figures."""
    return {"sections": _compared_sections(older, newer),
            "figures": _compared_figures(older, newer)}


def _compared_sections(older, newer):
    """Each section of `newer` beside the same section of `older`, and whether it changed."""
    before = {section["key"]: section["text"] for section in older.content["sections"]}
    return [{"heading": section["heading"], "older": before.get(section["key"], ""),
             "newer": section["text"],
             "changed": before.get(section["key"], "") != section["text"]}
            for section in newer.content["sections"]]


def _compared_figures(older, newer):
    """Per indicator of either version, each column's figures in both, changed ones marked."""
    def columns(version):
        return {(block["code"], column["label"]): column
                for block in version.content["indicators"] for column in block["columns"]}
    before, after = columns(older), columns(newer)
    rows = []
    for key in [*before, *[key for key in after if key not in before]]:
        old, new = before.get(key, {}), after.get(key, {})
        pair = [(old.get(field, ""), new.get(field, "")) for field in ("target", "actual")]
        rows.append({"code": key[0], "label": key[1], "target": pair[0], "actual": pair[1],
                     "changed": any(a != b for a, b in pair)})
    return rows
