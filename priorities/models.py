import datetime

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trust_portal.core.models import Partnership, Person
from trust_portal.core.ownership import PartnershipOwned


class Plan(PartnershipOwned, models.Model):
    """A Children and Young People's Plan, or a strategy's delivery plan."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    vision = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")),
                                   name="plan_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.partnership.slug, self.pk])


class Outcome(PartnershipOwned, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    partnership_path = "plan__partnership"

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self):
        return self.title


class PriorityQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(outcome__plan__partnership=partnership)

    def with_people(self):
        return self.select_related("outcome__plan__partnership").prefetch_related(
            "lead_officers", "sponsors"
        )

    def with_milestone_counts(self):
        """Annotate each priority with how many of its milestones stand at each status."""
        counts = {
            f"milestones_{status}": Count("actions__milestones",
                                          filter=Q(actions__milestones__status=status))
            for status in Milestone.Status.values
        }
        today = timezone.localdate()
        counts["milestones_overdue"] = Count(
            "actions__milestones", filter=Q(actions__milestones__due_on__lt=today)
            & ~Q(actions__milestones__status=Milestone.Status.COMPLETE),
        )
        return self.annotate(**counts)


class Priority(PartnershipOwned, models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="priorities")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, e.g. A.1")
    title = models.CharField(max_length=400)
    description = models.TextField(blank=True)
    is_key = models.BooleanField(
        "starting point", default=False,
        help_text="A priority the board has chosen to start with and watch most closely.",
    )
    lead_officers = models.ManyToManyField(Person, related_name="led_priorities", blank=True)
    sponsors = models.ManyToManyField(Person, related_name="sponsored_priorities", blank=True,
                                      verbose_name="board sponsors")
    key_indicators = models.TextField(blank=True,
                                      help_text="The indicators that show progress, one a line.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = PriorityQuerySet.as_manager()
    partnership_path = "outcome__plan__partnership"

    class Meta:
        ordering = ["outcome__order", "order"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["outcome", "reference"],
                                    name="unique_priority_reference_per_outcome"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("priority_detail", args=[self.outcome.plan.partnership.slug, self.pk])

    @property
    def partnership(self):
        return self.outcome.plan.partnership

    def milestone_status_counts(self):
        """Pairs of (status, count) from the annotations of `with_milestone_counts`."""
        return [(status, getattr(self, f"milestones_{status.value}"))
                for status in Milestone.Status]


class Action(PartnershipOwned, models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=20)
    description = models.TextField()
    targeting = models.TextField(blank=True)
    impact = models.TextField(blank=True)
    owner = models.CharField(max_length=300, blank=True,
                             help_text="The action owner as the plan names them.")
    contributors = models.TextField("contributing officers or teams", blank=True)
    starts_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    completes_on = models.DateField(null=True, blank=True)
    dates_note = models.CharField(max_length=400, blank=True,
                                  help_text="The plan's own words for its dates.")
    order = models.PositiveSmallIntegerField(default=0)

    partnership_path = "priority__outcome__plan__partnership"

    class Meta:
        ordering = ["priority", "order"]

    def __str__(self):
        return f"{self.number}. {self.description[:80]}"


class MilestoneQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(action__priority__outcome__plan__partnership=partnership)

    def open(self):
        return self.exclude(status=Milestone.Status.COMPLETE)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today,
                                  due_on__lte=today + datetime.timedelta(days=days))

    def with_context(self):
        return self.select_related("action__priority__outcome__plan__partnership")

    def led_by(self, person):
        """The milestones of the priorities `person` leads, which they keep up to date (see
        services.can_update_milestones); none for no person."""
        if person is None:
            return self.none()
        return self.filter(action__priority__lead_officers=person)


class Milestone(PartnershipOwned, models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        COMPLETE = "complete", "Complete"
        NOT_RECORDED = "not_recorded", "Not recorded"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    description = models.TextField()
    due_on = models.DateField("due date", null=True, blank=True)
    due_is_month = models.BooleanField(
        "due within a month", default=False,
        help_text="The plan gives only the month: shown as e.g. September 2009, and due by "
                  "its last day, which is what due_on holds.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    progress_note = models.TextField(blank=True)
    completed_on = models.DateField("date completed", null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, editable=False,
        help_text="Raised by every update, so an edit made from a stale copy is refused.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(excluded_fields=["order"])
    objects = MilestoneQuerySet.as_manager()
    partnership_path = "action__priority__outcome__plan__partnership"

    class Meta:
        ordering = ["action", "order", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="complete", completed_on__isnull=False)
                | (~Q(status="complete") & Q(completed_on__isnull=True)),
                name="completed_milestones_have_a_completion_date",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("milestone_detail",
                       args=[self.action.priority.outcome.plan.partnership.slug, self.pk])

    @property
    def due_text(self):
        """The due date as the plan gives it: a month (September 2009) or a day (3 Sep 2009)."""
        if self.due_on is None:
            return ""
        return f"{self.due_on:%B %Y}" if self.due_is_month else f"{self.due_on:%-d %b %Y}"

    @property
    def is_overdue(self):
        return (self.due_on is not None and self.status != self.Status.COMPLETE
                and self.due_on < timezone.localdate())
