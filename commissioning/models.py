"""Commissioning: from an identified need, through a tender and its evaluation, to a contract
whose key performance measures the indicators app monitors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators.models import Indicator
from priorities.models import Priority
from trust_portal.core.models import Organisation, Partnership, Person
from trust_portal.core.ownership import PartnershipOwned

from .rules import Route, Stage


class CommissioningGroup(PartnershipOwned, models.Model):
    """A joint commissioning group, e.g. Community & Families, Inclusion, Social Care."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="commissioning_groups")
    name = models.CharField(max_length=200)
    remit = models.TextField(blank=True, help_text="What it commissions, as the plan lists it.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"],
                                    name="unique_commissioning_group_per_partnership"),
        ]

    def __str__(self):
        return self.name


class FundingStream(PartnershipOwned, models.Model):
    """A funding stream and the levels of need it funds, each cell as the matrix prints it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="funding_streams")
    name = models.CharField(max_length=200)
    area_based_grant = models.BooleanField(default=False,
                                           help_text="Paid through the Area Based Grant.")
    ring_fenced = models.BooleanField(default=False)
    universal = models.CharField(max_length=200, blank=True)
    early_intervention = models.CharField(max_length=200, blank=True)
    targeted = models.CharField(max_length=200, blank=True)
    specialist = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    LEVELS = ["universal", "early_intervention", "targeted", "specialist"]

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"],
                                    name="unique_funding_stream_per_partnership"),
        ]

    def __str__(self):
        return self.name


class CommissionQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def for_register(self):
        return self.select_related("group", "lead_officer", "lead_authority").prefetch_related(
            "funding__stream")

    def for_page(self):
        return self.for_register().prefetch_related(
            "priorities", "indicators", "taking_part", "contracts",
            models.Prefetch("moves", queryset=StageMove.objects.select_related("moved_by")))


class Commission(PartnershipOwned, models.Model):
    """A service the partnership commissions, with the 13-question planning template of the
    joint commissioning arrangement (Liverpool CYPP, Appendix E)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="commissions")
    name = models.CharField("name of proposed service", max_length=300)
    description = models.TextField(blank=True)
    group = models.ForeignKey(CommissioningGroup, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="commissions",
                              verbose_name="commissioning group")
    estimated_value = models.DecimalField(max_digits=12, decimal_places=2, null=True,
                                          blank=True, help_text="In pounds; empty if not "
                                          "recorded.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="commissions",
                                        verbose_name="CYPP priorities")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="commissions")
    lead_officer = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="led_commissions")
    lead_authority = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The authority commissioning on behalf of those taking part, if another.")
    taking_part = models.ManyToManyField(
        Organisation, blank=True, related_name="commissions_taking_part",
        verbose_name="authorities taking part")
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.NEEDS)
    route = models.CharField("procurement route", max_length=30, choices=Route.choices,
                             default=Route.NOT_RECORDED)
    route_reason = models.TextField(
        "reason for the route", blank=True,
        help_text="Required for a direct award: why it was commissioned and not tendered.")
    closing_date = models.DateField("bids' closing date", null=True, blank=True)
    evaluation_note = models.TextField(
        "evaluation outcome as reported", blank=True,
        help_text="What the board is told of the evaluation, e.g. the gap between the bids "
                  "where the scores themselves are not recorded. Never a bid's score before "
                  "award.")
    recommendation = models.TextField("recommendation to the board", blank=True)
    # The planning template, questions 1 to 13, in the plan's words.
    need_not_met = models.TextField("1. Need not currently being met", blank=True)
    how_identified = models.TextField("2. How identified", blank=True)
    desired_outcomes = models.TextField("3. Desired outcomes", blank=True)
    ecm_outcomes = models.TextField("4. ECM outcomes and C&YPP priorities to be addressed",
                                    blank=True)
    deficits_opportunities = models.TextField("5. Deficits and opportunities", blank=True)
    options = models.TextField("6. Options to achieve outcomes", blank=True)
    risk_assessment = models.TextField(
        "7. Risk assessment of each option including doing nothing, including doing very "
        "little", blank=True)
    preferred_options = models.TextField("8. Preferred option(s)", blank=True)
    existing_methods = models.TextField(
        "9. Existing methods of meeting these needs (consult resource directory)", blank=True)
    effectiveness = models.PositiveSmallIntegerField(
        "10. Assessment of likely effectiveness at meeting outcomes", null=True, blank=True,
        choices=[(1, "1 (highly effective)"), (2, "2"), (3, "3"), (4, "4"),
                 (5, "5 (least effective)")],
        help_text="Rated 1-5, where 1 = highly effective.")
    effectiveness_notes = models.TextField("10. Notes on likely effectiveness", blank=True)
    gaps_barriers = models.TextField(
        "11. Gaps in service and barriers to service effectiveness", blank=True,
        help_text="What is missing? What are the commissioning implications?")
    financing = models.TextField("12. How will new service be financed?", blank=True)
    monitoring = models.TextField("13. How will new service be monitored and evaluated?",
                                  blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = CommissionQuerySet.as_manager()

    PLANNING_FIELDS = ["need_not_met", "how_identified", "desired_outcomes", "ecm_outcomes",
                       "deficits_opportunities", "options", "risk_assessment",
                       "preferred_options", "existing_methods", "effectiveness",
                       "effectiveness_notes", "gaps_barriers", "financing", "monitoring"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0) | Q(estimated_value__isnull=True),
                name="commission_value_not_negative",
                violation_error_message="The estimated value cannot be negative."),
            models.CheckConstraint(
                condition=~Q(route="direct_award") | ~Q(route_reason=""),
                name="direct_award_has_a_reason",
                violation_error_message=("A direct award needs its reason: say why the service is "
                                         "commissioned and not tendered.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commission_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_awarded(self):
        """Whether bids and their scores may be read beyond the panel (see access.py)."""
        return Stage.is_awarded(self.stage)


class CommissionFunding(PartnershipOwned, models.Model):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="funding")
    stream = models.ForeignKey(FundingStream, on_delete=models.RESTRICT, related_name="uses")
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                 help_text="In pounds; empty if not recorded.")

    history = HistoricalRecords()
    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["stream__order", "stream__name"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "stream"],
                                    name="one_line_per_funding_stream"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) | Q(amount__isnull=True),
                name="funding_amount_not_negative",
                violation_error_message="A funding amount cannot be negative."),
        ]

    def __str__(self):
        return f"{self.stream} for {self.commission}"


class StageMove(PartnershipOwned, models.Model):
    """One step of a commission's timeline: who moved it, when and why."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE,
                                   related_name="moves")
    from_stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    happened_on = models.DateField(null=True, blank=True,
                                   help_text="When it happened; empty if not recorded.")
    reason = models.TextField(blank=True)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.commission}: {self.get_to_stage_display()}"


class BidQuerySet(models.QuerySet):
    def for_commission(self, commission):
        return self.filter(commission=commission)


class Bid(PartnershipOwned, models.Model):
    class Pqq(models.TextChoices):
        NOT_RECORDED = "not_recorded", "Not recorded"
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        RECOMMENDED = "recommended", "Recommended"
        AWARDED = "awarded", "Awarded"
        UNSUCCESSFUL = "unsuccessful", "Unsuccessful"

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="bids")
    bidder = models.CharField(max_length=300, blank=True,
                              help_text="The provider organisation; empty if not recorded.")
    received_on = models.DateField(null=True, blank=True)
    is_late = models.BooleanField("received after the closing date", default=False)
    late_reason = models.TextField("why a late bid was admitted", blank=True)
    pqq = models.CharField("pre-qualification questionnaire", max_length=20,
                           choices=Pqq.choices, default=Pqq.NOT_RECORDED)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    feedback_given = models.BooleanField("unsuccessful bidder given feedback", default=False)

    history = HistoricalRecords()
    objects = BidQuerySet.as_manager()
    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["commission", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(late_reason=""),
                name="late_bid_admitted_with_a_reason",
                violation_error_message=("A late bid can be admitted only with the reason "
                                         "recorded.")),
            models.CheckConstraint(
                condition=~Q(pqq="failed") | ~Q(outcome__in=["recommended", "awarded"]),
                name="failed_pqq_never_recommended",
                violation_error_message=("A bidder that failed the pre-qualification questionnaire "
                                         "cannot be recommended or awarded.")),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.bidder or "Bidder not recorded"


class Criterion(PartnershipOwned, models.Model):
    """A weighted evaluation criterion, e.g. the presentation or the same questions to each."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE,
                                   related_name="criteria")
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=5, decimal_places=2,
                                 help_text="Percentage of the total; the weights sum to 100.")
    max_score = models.PositiveSmallIntegerField(default=10)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["commission", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=100),
                name="criterion_weight_a_percentage",
                violation_error_message=("A criterion's weight is a percentage above 0 and at most "
                                         "100.")),
            models.CheckConstraint(
                condition=Q(max_score__gt=0),
                name="criterion_max_score",
                violation_error_message="A criterion's maximum score must be above 0."),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight:g}%)"


class PanelMember(PartnershipOwned, models.Model):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="panel")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="panels")

    history = HistoricalRecords()
    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["commission", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "person"],
                                    name="one_seat_per_person_per_panel"),
        ]

    def __str__(self):
        return f"{self.person} on the panel for {self.commission}"


class Interest(PartnershipOwned, models.Model):
    """A panel member's declared interest in a bidder: they cannot score that bid."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="interests")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="interests")
    description = models.TextField()
    declared_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    partnership_path = "member__commission__partnership"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "bid"], name="one_interest_per_bid"),
        ]

    def __str__(self):
        return f"{self.member.person} in {self.bid}"

    def clean(self):
        super().clean()
        if self.member_id and self.bid_id and self.member.commission_id != self.bid.commission_id:
            raise ValidationError("The panel member and the bid must be of one commission.")


class Score(PartnershipOwned, models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(max_digits=6, decimal_places=2)

    history = HistoricalRecords()
    partnership_path = "bid__commission__partnership"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "member"],
                                    name="one_score_per_member_criterion_bid"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="score_not_negative",
                violation_error_message="A score cannot be negative."),
        ]

    def __str__(self):
        return f"{self.member.person}: {self.bid}, {self.criterion.name} = {self.value}"


class ContractQuerySet(models.QuerySet):
    def for_register(self):
        return self.select_related("commission__group").prefetch_related(
            "commission__funding__stream")


class Contract(PartnershipOwned, models.Model):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE,
                                   related_name="contracts")
    bid = models.ForeignKey(Bid, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="contracts", help_text="The winning bid, if tendered.")
    provider = models.CharField(max_length=300)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                help_text="In pounds; empty if not recorded.")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    term_note = models.CharField(max_length=300, blank=True,
                                 help_text="The term in the source's own words, where its "
                                           "dates are not exact days.")
    awarded_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="How it was awarded or what it allows, where "
                                                  "the commission's record does not say.")

    history = HistoricalRecords()
    objects = ContractQuerySet.as_manager()
    partnership_path = "commission__partnership"

    class Meta:
        ordering = ["ends_on", "provider"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0) | Q(value__isnull=True),
                name="contract_value_not_negative",
                violation_error_message="A contract's value cannot be negative."),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True)
                | Q(ends_on__gt=models.F("starts_on")),
                name="contract_ends_after_it_starts",
                violation_error_message="A contract must end after it starts."),
        ]

    def __str__(self):
        return f"{self.provider}: {self.commission}"

    def get_absolute_url(self):
        return reverse("contract_detail", args=[self.commission.partnership.slug, self.pk])

    def clean(self):
        super().clean()
        if self.bid_id and self.bid.commission_id != self.commission_id:
            raise ValidationError({"bid": "Choose a bid for this contract's commission."})
        if self.bid_id and self.bid.pqq == Bid.Pqq.FAILED:
            raise ValidationError({"bid": "This bidder failed the pre-qualification "
                                          "questionnaire: it cannot be awarded a contract."})


class ExtensionOption(PartnershipOwned, models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", "Not yet decided"
        TAKEN = "taken", "Taken up"
        DECLINED = "declined", "Not taken up"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    description = models.TextField(help_text='e.g. "a second year upon satisfactory '
                                             'completion of the first year"')
    decision = models.CharField(max_length=20, choices=Decision.choices,
                                default=Decision.PENDING)
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    history = HistoricalRecords()
    partnership_path = "contract__commission__partnership"

    class Meta:
        ordering = ["contract", "pk"]

    def __str__(self):
        return self.description[:80]


class ContractMeasure(PartnershipOwned, models.Model):
    """A key performance measure of a contract: an indicator, grouped the OBA way."""

    class Group(models.TextChoices):
        HOW_MUCH = "how_much", "How much did we do?"
        HOW_WELL = "how_well", "How well did we do it?"
        BETTER_OFF = "better_off", "Is anyone better off?"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="measures")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="contract_measures")
    group = models.CharField(max_length=20, choices=Group.choices)

    history = HistoricalRecords()
    partnership_path = "contract__commission__partnership"

    class Meta:
        ordering = ["contract", "group", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "indicator"],
                                    name="one_measure_per_indicator_per_contract"),
        ]

    def __str__(self):
        return f"{self.indicator.code} ({self.get_group_display()})"
