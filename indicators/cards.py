"""OBA report cards: a priority's story of its headline indicators, written once a quarter.

A card is the draft its lead officers keep writing; publishing it for a reporting period
freezes what it then shows (its sections, figures, chart and action plan) as a numbered
`PublishedCard`, never changed afterwards, as a published pack is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from priorities.models import Action, Priority
from trust_portal.core.ownership import PartnershipOwned

from .figures import validate_printable
from .models import Actual, Indicator, ReportingPeriod, Target


class ReportCardQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(priority__outcome__plan__partnership=partnership)

    def with_figures(self):
        """With all a card shows: its priority and plan, its headline indicators with their
        targets and signed-off actuals, the priority's actions and milestones, and the number
        of its latest published version (None before the first)."""
        lines = CardIndicator.objects.select_related("indicator__partnership", "baseline_period")
        return self.select_related("priority__outcome__plan__partnership", "period").annotate(
            latest_version=Max("versions__number"),
        ).prefetch_related(
            Prefetch("lines", queryset=lines),
            Prefetch("lines__indicator__targets", queryset=Target.objects.select_related(
                "period")),
            Prefetch("lines__indicator__actuals", queryset=Actual.objects.board_facing()
                     .select_related("period")),
            Prefetch("priority__actions", queryset=Action.objects.prefetch_related(
                "milestones")),
            "priority__lead_officers", "priority__sponsors",
        )


class ReportCard(PartnershipOwned, models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="report_cards")
    title = models.CharField(max_length=300, validators=[validate_printable],
                             help_text="As the plan heads the card, e.g. Teenage Pregnancy.")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name="as at")
    headline_indicators = models.ManyToManyField(Indicator, through="CardIndicator",
                                                 related_name="report_cards", blank=True)
    where_we_are = models.TextField(
        "where are we now, in words", blank=True,
        help_text="What the figures below do not say: facts, or a table the plan prints.")
    story = models.TextField("story behind the trend", blank=True)
    partners = models.TextField("partners and what they contribute", blank=True)
    what_works = models.TextField("what works", blank=True)
    information_lacking = models.TextField("the information we lack", blank=True)
    improvement = models.TextField("how we will improve performance", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False,
        help_text="Raised by every edit, so an edit made from a stale copy is refused.")

    history = HistoricalRecords(excluded_fields=["order"])
    objects = ReportCardQuerySet.as_manager()
    partnership_path = "priority__outcome__plan__partnership"

    # The Markdown sections, in the order the card prints them.
    SECTIONS = ["where_we_are", "story", "partners", "what_works", "information_lacking",
                "improvement"]

    class Meta:
        ordering = ["priority__outcome__order", "priority__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "title"],
                                    name="one_card_of_a_title_per_priority"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("report_card", args=[self.priority.partnership.slug, self.pk])


class CardIndicator(PartnershipOwned, models.Model):
    """A headline indicator of a card, and its baseline as the card states it.

    The baseline is an actual of `baseline_period` where the plan dates it; where the plan
    prints a baseline column without a year, its figures are kept here, since no period can
    hold them."""

    card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="lines")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    baseline_period = models.ForeignKey(ReportingPeriod, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    baseline_target = models.DecimalField("undated baseline target", max_digits=14,
                                          decimal_places=4, null=True, blank=True)
    baseline_actual = models.DecimalField("undated baseline", max_digits=14, decimal_places=4,
                                          null=True, blank=True)
    undated_heading = models.CharField(
        max_length=100, blank=True, default="Baseline", validators=[validate_printable],
        help_text="How the plan heads the undated baseline column; empty where it has none.")
    printed_changes = models.JSONField(
        "changes since baseline as printed", default=dict, blank=True,
        help_text="{period name: text} where the plan prints a change since baseline other "
                  "than the one its figures give, shown beside it.")

    partnership_path = "card__priority__outcome__plan__partnership"

    class Meta:
        ordering = ["card", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["card", "indicator"],
                                    name="an_indicator_heads_a_card_once"),
            models.CheckConstraint(
                condition=Q(baseline_period__isnull=True)
                | (Q(baseline_target__isnull=True) & Q(baseline_actual__isnull=True)),
                name="a_baseline_is_dated_or_undated_not_both"),
        ]

    def __str__(self):
        return f"{self.indicator.code} on {self.card}"


class PublishedCard(PartnershipOwned, models.Model):
    """A card as published for a period: `content` is what it showed, figures and chart
    drawn, so that later figures or edits never change it."""

    card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    period = models.ForeignKey(ReportingPeriod, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name="as at")
    content = models.JSONField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")

    partnership_path = "card__priority__outcome__plan__partnership"

    class Meta:
        ordering = ["card", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["card", "number"], name="one_card_version_number"),
        ]

    def __str__(self):
        return f"{self.card}, version {self.number}"
