"""The LSCB's quarterly updates, the register of serious case and critical incident reviews
(walled: see `wall.py`), the log of every read of a review, and data requests to schools.

The register's records are read only through `wall.py`; the read log is append-only.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from indicators.models import ReportingPeriod
from priorities.models import Priority
from trust_portal.core.models import Partnership, Person
from trust_portal.core.ownership import PartnershipOwned

from .rules import is_overdue


class SafeguardingUpdate(PartnershipOwned, models.Model):
    """The LSCB's quarterly report to the board: what it did and oversaw, and what it asks."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="safeguarding_updates")
    title = models.CharField(max_length=300)
    period = models.ForeignKey(ReportingPeriod, on_delete=models.RESTRICT,
                               related_name="safeguarding_updates",
                               help_text="The quarter whose child protection figures it shows.")
    introduction = models.TextField(blank=True)
    actions_preamble = models.TextField(
        "before the actions", blank=True,
        help_text="The sentence that introduces the actions, as the LSCB wrote it.")
    actions = models.TextField(
        "actions taken and overseen", help_text="One action a line, as the LSCB reports them.")
    further_report = models.TextField(
        blank=True, help_text="Further sections in Markdown (headings, lists).")
    recommendations = models.TextField()
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="safeguarding_updates",
                               verbose_name="report author")
    contact = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period__year", "-period__quarter", "title"]

    def __str__(self):
        return f"{self.title} ({self.period.name})"

    def get_absolute_url(self):
        return reverse("safeguarding:update_detail", args=[self.partnership.slug, self.pk])

    @property
    def action_lines(self):
        return [line.strip() for line in self.actions.splitlines() if line.strip()]


class Review(PartnershipOwned, models.Model):
    """A serious case review or critical incident review, known by initials or a code only.

    Behind the wall: only the partnership's safeguarding leads and administrators read it, and
    each read is logged (ReviewRead).
    """

    class Type(models.TextChoices):
        SERIOUS_CASE = "serious_case", "Serious case review"
        CRITICAL_INCIDENT = "critical_incident", "Critical incident review"

    class Status(models.TextChoices):
        COMMISSIONED = "commissioned", "Commissioned"
        UNDERWAY = "underway", "Underway"
        DELAYED = "delayed", "Delayed"
        SUBMITTED = "submitted", "Submitted"
        AWAITING_EVALUATION = "awaiting_evaluation", "Awaiting evaluation"
        EVALUATED = "evaluated", "Evaluated"
        SUMMARY_PUBLISHED = "summary_published", "Executive summary published"
        NOT_RECORDED = "not_recorded", "Not recorded"

    class Evaluation(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        ADEQUATE = "adequate", "Adequate"
        INADEQUATE = "inadequate", "Inadequate"

    RECORDED = ["reference", "type", "status", "status_note", "delay_reason", "commissioned_on",
                "submitted_on", "evaluated_on", "evaluation", "lessons", "executive_summary",
                "summary_published_on"]
    """What a review records, in the order its form and its download give it."""
    FREE_TEXT = ["status_note", "delay_reason", "lessons", "executive_summary"]
    """The fields the anonymity check reads before they are kept."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="reviews")
    reference = models.CharField(
        max_length=20, help_text="Initials or a code only: never a name.")
    type = models.CharField(max_length=30, choices=Type.choices, default=Type.SERIOUS_CASE)
    status = models.CharField(max_length=30, choices=Status.choices,
                              default=Status.COMMISSIONED)
    status_note = models.TextField(blank=True, help_text="What the status stands on, in words.")
    delay_reason = models.TextField(blank=True)
    commissioned_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    evaluated_on = models.DateField(null=True, blank=True)
    evaluation = models.CharField("Ofsted evaluation", max_length=20, blank=True,
                                  choices=Evaluation.choices)
    lessons = models.TextField(blank=True)
    executive_summary = models.TextField("published executive summary", blank=True)
    summary_published_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"],
                                    name="unique_review_reference_per_partnership"),
            models.CheckConstraint(condition=~Q(status="delayed") | ~Q(delay_reason=""),
                                   name="delayed_reviews_give_a_reason"),
            models.CheckConstraint(
                condition=~Q(status="summary_published")
                | (~Q(executive_summary="") & Q(summary_published_on__isnull=False)),
                name="published_reviews_have_a_summary"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("safeguarding:review_detail", args=[self.partnership.slug, self.pk])

    def clean(self):
        super().clean()
        errors = {}
        # On the status, which every form of a review has (the admin shows its text read-only).
        if self.status == self.Status.DELAYED and not self.delay_reason.strip():
            errors["status"] = "Say why the review is delayed."
        if self.status == self.Status.SUMMARY_PUBLISHED and not (
                self.executive_summary.strip() and self.summary_published_on):
            errors["status"] = ("A published review needs its executive summary and the date it "
                                "was published.")
        if errors:
            raise ValidationError(errors)

    @property
    def summary_is_published(self):
        return self.status == self.Status.SUMMARY_PUBLISHED  # with its summary (constraint)


class ReviewActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(completed_on__isnull=True, due_on__lt=today or timezone.localdate())


class ReviewAction(PartnershipOwned, models.Model):
    """An action arising from a review, with its owner and due date."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="A role or team, never a child's name.")
    due_on = models.DateField("due date", null=True, blank=True)
    completed_on = models.DateField("date completed", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ReviewActionQuerySet.as_manager()
    partnership_path = "review__partnership"

    class Meta:
        ordering = ["review", "due_on", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self):
        return is_overdue(due_on=self.due_on, completed_on=self.completed_on,
                          today=timezone.localdate())


class AppendOnly(Exception):
    """A read-log row is never changed or deleted."""


class ReviewRead(PartnershipOwned, models.Model):
    """One view or download of a review: who, when and what. Append-only."""

    class What(models.TextChoices):
        VIEWED = "viewed", "Viewed the review"
        DOWNLOADED = "downloaded", "Downloaded the review"
        VIEWED_IN_ADMIN = "viewed_in_admin", "Viewed the review in administration"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="review_reads")
    review = models.ForeignKey(Review, on_delete=models.RESTRICT, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="review_reads")
    username = models.CharField(max_length=150, help_text="Kept if the login is removed.")
    what = models.CharField(max_length=20, choices=What.choices)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-read_at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.get_what_display().lower()} at {self.read_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("A read of a review is recorded once and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("A read of a review is never deleted.")


class StarChamber(PartnershipOwned, models.Model):
    """A partnership's panel deciding requests for data from schools and surveys, as its board
    established it: the criteria it decides by, its remit and its members."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="star_chamber")
    criteria = models.TextField(help_text="One criterion a line, as the board approved them.")
    remit = models.TextField(blank=True, help_text="Which requests it considers, and which not.")
    membership = models.TextField(blank=True, help_text="One member body a line.")
    established = models.TextField(
        blank=True, help_text="When and how it was set up, and when it first meets.")

    history = HistoricalRecords()

    def __str__(self):
        return f"Star Chamber of {self.partnership}"

    @property
    def criteria_lines(self):
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]

    @property
    def membership_lines(self):
        return [line.strip() for line in self.membership.splitlines() if line.strip()]


class DataRequestQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=DataRequest.Status.APPROVED)


class DataRequest(PartnershipOwned, models.Model):
    """A request for data from schools, or a survey, put to the Star Chamber on its template."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        RESUBMITTED = "resubmitted", "Resubmitted"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    AWAITING_DECISION = [Status.SUBMITTED, Status.RESUBMITTED]

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="data_requests")
    title = models.CharField(max_length=300)
    requested_by = models.CharField(max_length=300, help_text="The officer and organisation.")
    priority = models.ForeignKey(Priority, on_delete=models.RESTRICT,
                                 related_name="data_requests", verbose_name="CYPP priority")
    business_case = models.TextField(
        "why the data is needed",
        help_text="What is the business case and how does it specifically link with a "
                  "priority as part of the Children and Young People's Plan?")
    existing_data = models.TextField(
        "does the data already exist?",
        help_text="Does the data already exist in the right form or can it be converted from "
                  "existing data?")
    cost = models.TextField("cost to collect the data")
    workload = models.TextField("impact on workload (staff hours)")
    last_collected = models.CharField("when the data was last collected", max_length=200)
    target_group = models.CharField(max_length=200)
    sample_size = models.CharField("size of the sample", max_length=200)
    timescales = models.TextField("timescales and deadlines")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    approved_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="approved", approved_on__isnull=False)
                | (~Q(status="approved") & Q(approved_on__isnull=True)),
                name="approved_requests_have_an_approval_date"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("safeguarding:request_detail", args=[self.partnership.slug, self.pk])

    @property
    def awaits_decision(self):
        return self.status in self.AWAITING_DECISION


class Decision(PartnershipOwned, models.Model):
    """The Star Chamber's decision on a request at one of its half-termly meetings, or
    electronically on a request resubmitted with the changes it asked for."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REFUSED = "refused", "Refused (no appeal)"

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(help_text="The Star Chamber meeting, or the day it decided "
                                            "electronically.")
    electronically = models.BooleanField(default=False)
    notes = models.TextField(blank=True, help_text="The changes asked for, or the reasons.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    partnership_path = "request__partnership"

    class Meta:
        ordering = ["request", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.decided_on:%-d %B %Y}"
