import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from .ownership import PartnershipOwned


class Partnership(models.Model):
    """A children's trust partnership: the council and its partners under one board."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    board_name = models.CharField(max_length=200)
    # A new value whenever any of its indicators, targets, actuals, periods or tolerances
    # changes: pages built from those figures are cached under it (indicators.report_cache).
    figures_version = models.UUIDField(default=uuid.uuid4, editable=False)

    partnership_path = "pk"  # each partnership owns itself (see ownership.py)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership_home", args=[self.slug])


class Organisation(PartnershipOwned, models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        NHS = "nhs", "NHS"
        POLICE = "police", "Police"
        PROBATION = "probation", "Probation"
        SCHOOL = "school", "School"
        COLLEGE = "college", "College"
        JOBCENTRE = "jobcentre", "Jobcentre Plus"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"],
                                    name="unique_organisation_name_per_partnership"),
        ]

    def __str__(self):
        return self.name


class Person(PartnershipOwned, models.Model):
    """An officer, councillor or partner: someone who leads, sponsors, attends or writes."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="people")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    is_councillor = models.BooleanField(default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="people",
                             help_text="The login this person uses, if any.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"],
                                    name="unique_person_name_per_partnership"),
            models.UniqueConstraint(fields=["partnership", "user"],
                                    name="one_person_per_user_per_partnership"),
        ]

    def __str__(self):
        return f"Cllr {self.name}" if self.is_councillor else self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    PERFORMANCE_MANAGER = "performance_manager", "Performance manager"
    LEAD_OFFICER = "lead_officer", "Lead officer"
    BOARD_MEMBER = "board_member", "Board member"
    COMMISSIONER = "commissioner", "Commissioner"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"


class Membership(PartnershipOwned, models.Model):
    """A login's role in one partnership; a user may hold several roles and partnerships."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["partnership__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership", "role"],
                                    name="unique_role_per_user_per_partnership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"
