import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from priorities.models import Priority
from trust_portal.core.models import Partnership, Person
from trust_portal.core.ownership import PartnershipOwned

from . import rag
from .codes import natural_key
from .figures import validate_printable
from .periods import parse_period_name, validate_year


class TolerancePolicy(PartnershipOwned, models.Model):
    """A partnership's RAG and direction-of-travel bands; Wirral's published rules by default."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="tolerance_policy")
    over_performing_above = models.DecimalField(
        max_digits=5, decimal_places=2, default=rag.WIRRAL_BANDS.over_performing_above,
        help_text="Over-performing when more than this percentage better than target.")
    green_from = models.DecimalField(
        max_digits=5, decimal_places=2, default=rag.WIRRAL_BANDS.green_from,
        help_text="Green from this deviation (negative: worse than target) up to the above.")
    amber_from = models.DecimalField(
        max_digits=5, decimal_places=2, default=rag.WIRRAL_BANDS.amber_from,
        help_text="Amber from this deviation up to Green; Red below it.")
    unchanged_within = models.DecimalField(
        max_digits=5, decimal_places=2, default=rag.WIRRAL_BANDS.unchanged_within,
        help_text="Direction of travel is unchanged within plus or minus this percentage.")

    class Meta:
        verbose_name_plural = "tolerance policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_from__lt=models.F("green_from"))
                & Q(green_from__lt=models.F("over_performing_above")),
                name="tolerance_bands_in_order",
            ),
            models.CheckConstraint(condition=Q(unchanged_within__gte=0),
                                   name="direction_band_not_negative"),
        ]

    def __str__(self):
        return f"Tolerances of {self.partnership}"

    @property
    def bands(self):
        return rag.Bands(self.over_performing_above, self.green_from, self.amber_from,
                         self.unchanged_within)

    @classmethod
    def bands_for(cls, partnership):
        policy = cls.objects.filter(partnership=partnership).first()
        return policy.bands if policy else rag.WIRRAL_BANDS


def financial_quarter_start(year, quarter):
    """The first day of quarter 1-4 of the financial year starting in April `year` (5: the next)."""
    month = 4 + 3 * (quarter - 1)
    return datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


class ReportingPeriodQuerySet(models.QuerySet):
    def named(self, partnership, name, *, create=False):
        """The partnership's period called `name` (e.g. 2009/10 Q2); ValueError if malformed."""
        kind, year, quarter = parse_period_name(name)
        lookup = {"partnership": partnership, "kind": kind, "year": year, "quarter": quarter}
        if create:
            return self.get_or_create(**lookup)[0]
        return self.get(**lookup)

    def for_entry(self, partnership, kind, year, quarter):
        """The partnership's period, created if it lacks it. A period first named by an upload
        or a target page opens for entry, so the figures it was created for can be corrected."""
        return self.get_or_create(partnership=partnership, kind=kind, year=year,
                                  quarter=quarter, defaults={"is_open": True})[0]


class ReportingPeriod(PartnershipOwned, models.Model):
    """A financial-year quarter (April to March), a whole year, or a calendar year."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", "Quarter"
        YEAR = "year", "Financial or academic year"
        CALENDAR_YEAR = "calendar_year", "Calendar year"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="reporting_periods")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUARTER)
    year = models.PositiveSmallIntegerField(help_text="The year it starts in: 2009 for 2009/10.",
                                            validators=[validate_year])
    quarter = models.PositiveSmallIntegerField(default=0, help_text="1 to 4; 0 for a year.")
    is_open = models.BooleanField("open for entry", default=False)
    due_on = models.DateField("data due", null=True, blank=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["year", "kind", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind", "year", "quarter"],
                                    name="unique_period_per_partnership"),
            models.CheckConstraint(
                condition=(Q(kind="quarter", quarter__gte=1, quarter__lte=4)
                           | (~Q(kind="quarter") & Q(quarter=0))),
                name="quarters_numbered_one_to_four",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.kind == self.Kind.CALENDAR_YEAR:
            return str(self.year)
        span = f"{self.year}/{(self.year + 1) % 100:02d}"
        return f"{span} Q{self.quarter}" if self.kind == self.Kind.QUARTER else span

    @property
    def months(self):
        """(first, last) month it covers, counted from year 0: its place in time, for sorting,
        without making dates, so a period stored before years were checked still sorts."""
        if self.kind == self.Kind.CALENDAR_YEAR:
            return self.year * 12, self.year * 12 + 11
        first = self.year * 12 + 3 + 3 * ((self.quarter or 1) - 1)
        return first, first + (2 if self.quarter else 11)

    @property
    def starts_on(self):
        if self.kind == self.Kind.CALENDAR_YEAR:
            return datetime.date(self.year, 1, 1)
        return financial_quarter_start(self.year, self.quarter or 1)

    @property
    def ends_on(self):
        if self.kind == self.Kind.CALENDAR_YEAR:
            return datetime.date(self.year, 12, 31)
        last_quarter = self.quarter or 4
        return financial_quarter_start(self.year, last_quarter + 1) - datetime.timedelta(days=1)


class Indicator(PartnershipOwned, models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "Percent"
        NUMBER = "number", "Number"
        RATE_PER_1000 = "rate_per_1000", "Rate per 1,000"
        SCORE = "score", "Score"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="indicators")
    code = models.CharField(max_length=30, help_text="For example NI 117 or LOCAL 1401.",
                            validators=[validate_printable])
    title = models.CharField(max_length=400, validators=[validate_printable])
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    decimals = models.PositiveSmallIntegerField(default=1)
    lower_is_better = models.BooleanField(default=False)
    portfolio = models.CharField(max_length=200, blank=True)
    strategic_objective = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=200, blank=True,
                               help_text="The outcome it reports under, e.g. Enjoy and Achieve.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="indicators")
    is_key = models.BooleanField("key indicator", default=False)
    is_obsession = models.BooleanField("obsession", default=False)
    is_laa = models.BooleanField("Local Area Agreement indicator", default=False)
    responsible_officers = models.ManyToManyField(Person, blank=True,
                                                  related_name="indicators")
    baseline = models.CharField(max_length=300, blank=True,
                                help_text="The baseline as the plan states it.")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"],
                                    name="unique_indicator_code_per_partnership"),
            models.CheckConstraint(condition=Q(decimals__lte=4), name="at_most_four_decimals"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("indicator_detail", args=[self.partnership.slug, self.pk])

    @property
    def sort_key(self):
        """Its place in any list of indicators, which the database cannot sort: its code's
        natural order (NI 8, NI 19, NI 117), as the board's report prints them."""
        return natural_key(self.code)

    @property
    def unit_suffix(self):
        return "%" if self.unit == self.Unit.PERCENT else ""

    def rating_terms(self, bands):
        """What rag.rate and rag.direction need to know of this indicator."""
        return {"lower_is_better": self.lower_is_better, "bands": bands,
                "unit_suffix": self.unit_suffix}

    def rounded(self, value):
        """The figure at the indicator's precision (5.3, not the stored 5.3000); None stays."""
        if value is None or value == "":
            return None
        return Decimal(value).quantize(Decimal(1).scaleb(-self.decimals))

    def format(self, value):
        """The figure as pages show it, e.g. 1,234.5%; empty for no value."""
        rounded = self.rounded(value)
        return "" if rounded is None else f"{rounded:,f}{self.unit_suffix}"


class DataQuality(models.TextChoices):
    ACTUAL = "A", "Actual"
    ESTIMATE = "E", "Estimate"
    PROVISIONAL = "P", "Provisional"


class EnteredFigures:
    """A record of figures entered on a page or in a spreadsheet, whose editors save what they
    changed of its CONTENT_FIELDS (see indicators.services)."""

    CONTENT_FIELDS: list[str]

    def content(self):
        """Its CONTENT_FIELDS as a dict; an unsaved record gives what a new one starts as."""
        return {field: getattr(self, field) for field in self.CONTENT_FIELDS}


class Target(EnteredFigures, PartnershipOwned, models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE,
                               related_name="targets")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    partnership_path = "indicator__partnership"

    CONTENT_FIELDS = ["value"]  # what a target page or a spreadsheet sets

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"],
                                    name="one_target_per_indicator_period"),
        ]

    def __str__(self):
        return f"{self.indicator.code} target {self.period}: {self.value}"


class ActualQuerySet(models.QuerySet):
    def board_facing(self):
        """The actuals the board reads: signed off (see Actual.BOARD_FACING)."""
        return self.filter(status__in=Actual.BOARD_FACING)


class Actual(EnteredFigures, PartnershipOwned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"
        RETURNED = "returned", "Returned"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE,
                               related_name="actuals")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    data_quality = models.CharField("data key", max_length=1, choices=DataQuality.choices,
                                    default=DataQuality.ACTUAL)
    forecast = models.DecimalField("year-end forecast", max_digits=14, decimal_places=4,
                                   null=True, blank=True)
    context = models.TextField(blank=True, validators=[validate_printable])
    corrective_action = models.TextField(blank=True, validators=[validate_printable])
    stated_direction = models.CharField(
        "direction of travel as reported", max_length=20,
        choices=[(direction.value, direction.label) for direction in rag.STATED_DIRECTIONS],
        blank=True, default="",
        help_text="The direction the report states, used only where no value for the same "
                  "period last year is held.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    entered_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    help_text="Who signed it off or returned it.")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField("reason for returning it", blank=True,
                                     validators=[validate_printable])
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ActualQuerySet.as_manager()
    partnership_path = "indicator__partnership"

    # The statuses of the figures the board reads, on every board-facing page, paper, pack,
    # download and command: signed off, never a draft, a returned figure or one waiting for
    # sign-off. Everything that reads figures for the board filters on it, and on it only.
    BOARD_FACING = (Status.SIGNED_OFF,)
    # The statuses of figures their officer has handed in: none is still owed.
    HANDED_IN = (Status.SUBMITTED, Status.SIGNED_OFF)

    # What an officer enters for a quarter, on the entry page or in a spreadsheet.
    CONTENT_FIELDS = ["value", "data_quality", "forecast", "context", "corrective_action",
                      "stated_direction"]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"],
                                    name="one_actual_per_indicator_period"),
        ]

    def __str__(self):
        return f"{self.indicator.code} actual {self.period}: {self.value}"


class Reminder(PartnershipOwned, models.Model):
    """A reminder sent to an officer about a period's missing actuals, so each goes once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE,
                               related_name="reminders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    partnership_path = "period__partnership"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "person", "kind"],
                                    name="one_reminder_of_a_kind_per_person_and_period"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder to {self.person} for {self.period}"


# Report cards are models of this app kept in their own module.
from .cards import CardIndicator, PublishedCard, ReportCard  # noqa: E402, F401
