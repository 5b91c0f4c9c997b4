"""Where each indicator stands in a period: the reads behind the entry page and the reports.

What the board reads (the report, the indicator page, the summary command, generated papers
and packs) shows signed-off actuals only (Actual.BOARD_FACING): a draft is the officer's own
until it is submitted, and a submitted figure reaches the board once a performance manager
signs it off (see signoff.py), so `standings` leaves the others out unless asked for them, as
the entry and sign-off pages do.
Every function here runs a fixed number of queries, however many indicators there are.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from . import rag
from .codes import natural_key
from .filters import ReportFilterForm
from .models import Actual, Indicator, ReportingPeriod, Target

RATING_ORDER = [rag.Rating.GREEN, rag.Rating.AMBER, rag.Rating.RED, rag.Rating.OVER_PERFORMING,
                rag.Rating.AWAITING_DATA, rag.Rating.TARGET_NOT_SET, rag.Rating.NOT_RATED]
DIRECTION_ORDER = [rag.Direction.IMPROVED, rag.Direction.DETERIORATED, rag.Direction.UNCHANGED,
                   rag.Direction.AWAITING_DATA, rag.Direction.NOT_APPLICABLE]


@dataclass
class Standing:
    """One indicator in one period: its figures, rating and direction of travel."""

    indicator: Indicator
    target: Target | None
    year_end_target: Target | None
    actual: Actual | None
    previous: Actual | None
    rating: rag.Assessment
    direction: rag.Assessment
    bands: rag.Bands = rag.WIRRAL_BANDS

    @property
    def is_exception(self):
        return self.rating.outcome in rag.EXCEPTIONS

    @property
    def value(self):
        return self.actual.value if self.actual else None


@dataclass(frozen=True)
class RatingBasis:
    """What a period's figures are rated against."""

    previous: ReportingPeriod | None  # the same period a year before: direction of travel
    year_end: ReportingPeriod | None  # a quarter's year: its year-end target
    bands: rag.Bands  # the partnership's tolerances


def nearby_periods(partnership_id, year):
    """The partnership's periods of `year` (a number or an expression) and the year before,
    each with the partnership's tolerance policy: all a rating basis needs, in one query."""
    return ReportingPeriod.objects.filter(
        partnership_id=partnership_id, year__gte=year - 1, year__lte=year,
    ).select_related("partnership__tolerance_policy")


def rating_basis(period, nearby=None):
    """The basis for rating `period`, found among `nearby` (see nearby_periods) if already
    read, else read now."""
    if nearby is None:
        nearby = nearby_periods(period.partnership_id, period.year)
    previous = year_end = None
    bands = rag.WIRRAL_BANDS
    for candidate in nearby:
        # A missing policy raises RelatedObjectDoesNotExist, an AttributeError.
        if policy := getattr(candidate.partnership, "tolerance_policy", None):
            bands = policy.bands
        if (candidate.kind, candidate.year, candidate.quarter) == (
                period.kind, period.year - 1, period.quarter):
            previous = candidate
        elif (period.kind == ReportingPeriod.Kind.QUARTER and candidate.year == period.year
              and candidate.kind == ReportingPeriod.Kind.YEAR):
            year_end = candidate
    return RatingBasis(previous=previous, year_end=year_end, bands=bands)


def status_counts(period):
    """How many of the period's actuals stand at each status, by status (none: 0)."""
    counts = dict(Actual.objects.filter(period=period).order_by().values_list("status")
                  .annotate(Count("pk")))
    return {status: counts.get(status, 0) for status in Actual.Status.values}


def held_back(period):
    """How many of the period's actuals the board does not read yet: status_counts of the
    drafts, the figures waiting for sign-off and the returned ones."""
    return {status: count for status, count in status_counts(period).items()
            if status not in Actual.BOARD_FACING}


def standings(period, indicators=None, basis=None, *, with_drafts=False):
    """The standing of every indicator of the period's partnership (or of `indicators`),
    rated against `basis` (see rating_basis) if already known: on signed-off actuals only,
    unless `with_drafts` (the entry and sign-off pages, which read every figure, drafts,
    figures waiting for sign-off and returned ones too)."""
    if indicators is None:
        indicators = Indicator.objects.filter(partnership_id=period.partnership_id).select_related(
            "partnership")
    indicators = list(indicators)
    basis = basis or rating_basis(period)
    targets, actuals = figures_in([period, basis.previous, basis.year_end], indicators,
                                  with_drafts=with_drafts)
    return rated(period, indicators, basis, targets, actuals)


def figures_in(periods, indicators, *, with_drafts=False):
    """({(indicator pk, period pk): target}, the same of actuals) in `periods` (None skipped),
    in two queries: signed-off actuals only unless `with_drafts`."""
    ids = [indicator.pk for indicator in indicators]
    period_ids = [period.pk for period in periods if period]
    targets = {(t.indicator_id, t.period_id): t
               for t in Target.objects.filter(indicator_id__in=ids, period_id__in=period_ids)}
    actuals = Actual.objects.filter(indicator_id__in=ids, period_id__in=period_ids)
    if not with_drafts:
        actuals = actuals.board_facing()
    return targets, {(a.indicator_id, a.period_id): a
                     for a in actuals.select_related("entered_by", "reviewed_by")}


def rated(period, indicators, basis, targets, actuals):
    """Each of `indicators` standing in `period`, from figures already read (see figures_in)."""
    before, year_end, bands = basis.previous, basis.year_end, basis.bands
    rows = []
    for indicator in indicators:
        target = targets.get((indicator.pk, period.pk))
        actual = actuals.get((indicator.pk, period.pk))
        previous = actuals.get((indicator.pk, before.pk)) if before else None
        value = actual.value if actual else None
        terms = indicator.rating_terms(bands)
        rows.append(Standing(
            indicator=indicator, target=target, actual=actual,
            previous=previous,
            year_end_target=targets.get((indicator.pk, year_end.pk)) if year_end else None,
            rating=rag.rate(actual=value, target=target.value if target else None, **terms),
            direction=rag.direction_of_travel(
                actual=value, previous=previous.value if previous else None,
                stated=actual.stated_direction if actual else "", **terms),
            bands=bands,
        ))
    return rows


@dataclass
class YearFigures:
    """The partnership's indicators, with their targets and signed-off actuals in the periods
    of one year and the year before: all that rating any period of that year needs."""

    periods: list[ReportingPeriod]
    indicators: list[Indicator]
    targets: dict
    actuals: dict

    def standings(self, period, indicators=None):
        """As `standings`, of `indicators` (read among these figures) or of every one."""
        return rated(period, self.indicators if indicators is None else indicators,
                     rating_basis(period, self.periods), self.targets, self.actuals)


def year_figures(partnership_id, year, shared, nearby=None):
    """The YearFigures of `year`, read in four queries (three if its `nearby` periods are
    already read) and kept in `shared`, so that the papers of a pack rating periods of one
    year (the performance reports, the LSCB update's figures) read them once."""
    key = ("indicators.year_figures", partnership_id, year)
    if key not in shared:
        periods = list(nearby_periods(partnership_id, year)) if nearby is None else nearby
        indicators = list(Indicator.objects.filter(partnership_id=partnership_id)
                          .select_related("partnership"))
        shared[key] = YearFigures(periods, indicators, *figures_in(periods, indicators))
        for period in periods:
            shared[period_key(partnership_id, period.pk)] = period
    return shared[key]


def period_key(partnership_id, pk):
    """Where `shared` keeps a period that year_figures has read, so a paper naming it by its
    key finds it there instead of reading it again."""
    return ("indicators.period", partnership_id, pk)


def report(period, indicators=None):
    """The performance report: summaries, exceptions and every indicator's standing."""
    return report_of_rows(period, standings(period, indicators))


def report_of_rows(period, rows):
    """The performance report of the given standings, e.g. a subset of another report's."""
    return {
        "period": period,
        "rows": rows,
        "rating_summary": rag.summarise((row.rating.outcome for row in rows), RATING_ORDER),
        "direction_summary": rag.summarise((row.direction.outcome for row in rows),
                                           direction_order(rows)),
        "exceptions": [row for row in rows if row.is_exception],
    }


def direction_order(rows):
    """DIRECTION_ORDER, and Not recorded after it where a row's direction was not recorded."""
    if any(row.direction.outcome == rag.Direction.NOT_RECORDED for row in rows):
        return [*DIRECTION_ORDER, rag.Direction.NOT_RECORDED]
    return DIRECTION_ORDER


COLUMNS = [("code", "Indicator", False), ("title", "Title", False), (None, "Target", True),
           (None, "Actual", True), ("rating", "Rating", False),
           ("direction", "Direction of travel", False)]


def table_columns(sort=None):
    """The indicator table's columns; with `sort`, each sortable one links to its next order."""
    columns = []
    for key, label, numeric in COLUMNS:
        column = {"label": label, "numeric": numeric}
        if sort and key:
            column["next_sort"] = f"-{key}" if sort == key else key
            column["aria_sort"] = ("ascending" if sort == key else
                                   "descending" if sort == f"-{key}" else "none")
        columns.append(column)
    return columns


def reporting_periods(partnership):
    """The partnership's quarters, newest first, each marked with whether it has signed-off
    actuals, the ones the report shows."""
    return ReportingPeriod.objects.filter(
        partnership=partnership, kind=ReportingPeriod.Kind.QUARTER
    ).annotate(
        has_actuals=Exists(Actual.objects.filter(period=OuterRef("pk")).board_facing())
    ).order_by("-year", "-quarter")


def default_period(periods):
    """The report's quarter when none is asked for: the newest with signed-off actuals."""
    return next((p for p in periods if p.has_actuals), periods[0] if periods else None)


SORTS = {
    "code": lambda row: natural_key(row.indicator.code),
    "title": lambda row: row.indicator.title.lower(),
    "rating": lambda row: list(rag.Rating.values).index(row.rating.outcome),
    "direction": lambda row: list(rag.Direction.values).index(row.direction.outcome),
}


def report_as_asked(period, query):
    """The period's report with its table filtered and sorted as `query` (the query string)
    asks."""
    data = report(period)
    filter_form = ReportFilterForm(query or None, rows=data["rows"])
    sort = query.get("sort", "code")
    key = SORTS.get(sort.lstrip("-"), SORTS["code"])
    rows = sorted(filter_form.apply(data["rows"]), key=key, reverse=sort.startswith("-"))
    return {"report": data, "rows": rows, "filter_form": filter_form,
            "columns": table_columns(sort)}

