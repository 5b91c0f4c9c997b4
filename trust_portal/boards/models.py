"""The board's meetings: agenda, papers, minutes, the action log and the published packs."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trust_portal.core.models import Partnership, Person
from trust_portal.core.ownership import PartnershipOwned

from .appendices import checked_upload, placeholder_anchor
from .registry import EVERYONE, WRITTEN, PaperUnavailable, get_kind


class MeetingQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def open_to_the_public(self):
        """Meetings the board has made public whose pack has been published."""
        return self.filter(is_public=True, packs__status=Pack.Status.PUBLISHED).distinct()

    def with_published_packs(self):
        """Each meeting with its published packs, newest first, as `published`."""
        return self.prefetch_related(models.Prefetch(
            "packs", queryset=Pack.objects.published().order_by("-number"),
            to_attr="published"))

    def with_summary(self):
        """Each meeting with its number of agenda items and its latest published version."""
        return self.annotate(
            item_count=models.Count("items", distinct=True),
            latest_version=models.Max("packs__number",
                                      filter=models.Q(packs__status=Pack.Status.PUBLISHED)))


class Meeting(PartnershipOwned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Pack published"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True,
                                  help_text="Blank where the time is not recorded.")
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(
        "open to the public", default=False,
        help_text="Its published pack is listed on the public pages, without exempt items.")
    minutes_approved_at = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="+",
        help_text="The meeting that approved these minutes.")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "date", "start_time"],
                                    name="one_meeting_per_partnership_date_and_time"),
        ]

    def __str__(self):
        return f"{self.partnership.board_name}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.partnership.slug, self.pk])

    def next_meeting(self):
        """The board's following meeting, which approves these minutes."""
        return (Meeting.objects.filter(partnership_id=self.partnership_id, date__gt=self.date)
                .order_by("date").first())

    @property
    def minutes_locked(self):
        """Approved minutes never change, whatever the meeting's status is later set to."""
        return self.minutes_approved_at_id is not None


MINUTES_APPROVED = "The minutes of this meeting are approved, so this no longer changes."


def refuse_changes_to_approved_minutes(record, meeting_path, fields=None):
    """Approved minutes never change: refuse a new record among them, or a change to `fields`
    (by default all) of a record that is, or was, part of them. `meeting_path` leads from the
    record to its meeting, e.g. "item__meeting"."""
    fields = fields or [field.attname for field in record._meta.concrete_fields]
    records = type(record)._default_manager.filter(pk=record.pk)
    saved = records.values(*fields).first() if record.pk else None
    if saved == {name: getattr(record, name) for name in fields}:
        return
    meeting = record
    for step in meeting_path.split("__"):
        meeting = getattr(meeting, step, None)
    was_approved = saved is not None and records.filter(
        **{f"{meeting_path}__minutes_approved_at__isnull": False}).exists()
    if was_approved or (meeting is not None and meeting.minutes_locked):
        raise ValidationError(MINUTES_APPROVED)


class Paper(PartnershipOwned, models.Model):
    """A paper presented to the board: written here, or generated from live data by a kind.

    `kind` names an entry of the paper-kind registry (see `registry.py`); `source` is what a
    generated kind builds from, such as a reporting period or a plan (see `SourceSpec`).
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=50, default=WRITTEN)
    source = models.CharField(max_length=50, blank=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True, help_text="What the paper is for, in a sentence or two.")
    body = models.TextField(blank=True, help_text="Headings, lists and tables in Markdown.")
    recommendations = models.TextField(blank=True)
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="papers", verbose_name="report author")
    contact = models.CharField(max_length=300, blank=True,
                               help_text="Telephone and email, as printed on the paper.")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def kind_entry(self):
        """Its kind in the paper-kind registry; PaperUnavailable if the portal no longer offers
        it."""
        return get_kind(self.kind)

    @property
    def is_generated(self):
        """Whether its body is built from live data rather than written here (a paper of a
        kind no longer offered is not written here either)."""
        try:
            return self.kind_entry.is_generated
        except PaperUnavailable:
            return True

    @property
    def readers(self):
        """Its kind's audience rule; a kind no longer offered keeps the default, everyone."""
        try:
            return self.kind_entry.readers
        except PaperUnavailable:
            return EVERYONE

    def may_be_read(self, *, public=False, access=None):
        """Whether its kind lets this reader see it (see Readers.admit)."""
        return self.readers.admit(public=public, access=access)


class Appendix(PartnershipOwned, models.Model):
    """Text written in the portal, or an uploaded PDF that the pack includes page by page."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    document = models.FileField(
        "PDF", upload_to="appendices/%Y/", blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text="Upload a PDF instead of writing the appendix; the pack includes its pages.")
    page_count = models.PositiveSmallIntegerField(default=0, editable=False)

    partnership_path = "paper__partnership"

    class Meta:
        ordering = ["paper", "position"]
        verbose_name_plural = "appendices"

    def __str__(self):
        return f"Appendix {self.position}: {self.title}"

    def clean(self):
        super().clean()
        if self.document and not self.document._committed:
            try:
                self.page_count, self.document = checked_upload(self.document)
            except ValidationError as problem:
                raise ValidationError({"document": problem.messages}) from problem
        elif not self.document:
            self.page_count = 0

    @property
    def uploaded_pages(self):
        return [(number, placeholder_anchor(self, number))
                for number in range(1, self.page_count + 1)]


class AgendaItem(PartnershipOwned, models.Model):
    class ItemType(models.TextChoices):
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the previous meeting"
        MATTERS_ARISING = "matters_arising", "Matters arising"
        PAPER = "paper", "Paper"
        OTHER = "other", "Other business"
        BREAK = "break", "Break"
        ANY_OTHER_BUSINESS = "any_other_business", "Any other business"
        NEXT_MEETING = "next_meeting", "Date of next meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(null=True, blank=True,
                                              help_text="Blank for a break.")
    starts_at = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=300)
    item_type = models.CharField(max_length=20, choices=ItemType.choices,
                                 default=ItemType.PAPER)
    presenter = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="presented_items")
    paper = models.OneToOneField(Paper, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="agenda_item")
    is_exempt = models.BooleanField(
        "exempt", default=False,
        help_text="Left out of the public pack, e.g. a serious case review; members still see it.")

    partnership_path = "meeting__partnership"

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"],
                                    name="one_agenda_item_per_position"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def clean(self):
        super().clean()
        refuse_changes_to_approved_minutes(self, "meeting")

    @property
    def anchor(self):
        return f"item-{self.position}"


class Attendance(PartnershipOwned, models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", "Present"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        APOLOGIES = "apologies", "Apologies"

    class Capacity(models.TextChoices):
        CHAIR = "chair", "Chair"
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        MEMBER = "member", "Member"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRESENT)
    capacity = models.CharField(max_length=20, choices=Capacity.choices, default=Capacity.OFFICER)
    description = models.CharField(max_length=300, blank=True,
                                   help_text="e.g. their post, for apologies")
    represented_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="representing")

    partnership_path = "meeting__partnership"

    class Meta:
        ordering = ["meeting", "kind", "id"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attends_once"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        refuse_changes_to_approved_minutes(self, "meeting")


class Declaration(PartnershipOwned, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="declarations")
    interest = models.CharField(max_length=500, blank=True)

    partnership_path = "meeting__partnership"

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "declaration of interest"

    def __str__(self):
        return f"{self.person}: item {self.item.number if self.item else '-'}"

    def clean(self):
        super().clean()
        if self.item and self.meeting_id and self.item.meeting_id != self.meeting_id:
            raise ValidationError({"item": "Choose an item of this meeting's agenda."})
        refuse_changes_to_approved_minutes(self, "meeting")


class Resolution(models.TextChoices):
    NOTED = "noted", "Noted"
    ENDORSED = "endorsed", "Endorsed"
    APPROVED = "approved", "Approved"
    DEFERRED = "deferred", "Deferred"


class MinuteQuerySet(models.QuerySet):
    def decisions(self):
        """Every minuted resolution, newest meeting first, with its meeting and item."""
        return self.exclude(resolution="").select_related(
            "item__meeting__partnership").order_by("-item__meeting__date", "item__position")


class Minute(PartnershipOwned, models.Model):
    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    text = models.TextField(blank=True)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    history = HistoricalRecords()

    objects = MinuteQuerySet.as_manager()
    partnership_path = "item__meeting__partnership"

    def __str__(self):
        return f"Minute of {self.item}"

    def clean(self):
        super().clean()
        refuse_changes_to_approved_minutes(self, "item__meeting")

    @property
    def resolution_sentence(self):
        return RESOLUTION_SENTENCES.get(self.resolution, "")


RESOLUTION_SENTENCES = {
    Resolution.NOTED: "The Board noted the report.",
    Resolution.ENDORSED: "The Board endorsed the report.",
    Resolution.APPROVED: "The Board approved the recommendations.",
    Resolution.DEFERRED: "The Board deferred the item to a later meeting.",
}


class ActionLogQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionLogEntry.Status.OPEN)

    def with_context(self):
        return self.select_related("raised_at__meeting", "owner", "due_meeting")


class ActionLogEntry(PartnershipOwned, models.Model):
    """A request for follow-up minuted at a meeting; open ones are the next matters arising."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "No longer needed"

    raised_at = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="board_actions")
    due_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="actions_due")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    update = models.TextField(blank=True, help_text="What has been done, for matters arising.")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = ActionLogQuerySet.as_manager()
    partnership_path = "raised_at__meeting__partnership"

    class Meta:
        ordering = ["raised_at__meeting__date", "raised_at__position", "id"]
        verbose_name = "action log entry"
        verbose_name_plural = "action log"

    def __str__(self):
        return self.description[:80]

    def clean(self):
        """Matters arising are followed up after the minutes are approved: the status, update,
        owner and dates change, but the minuted action's words and meeting do not."""
        super().clean()
        refuse_changes_to_approved_minutes(self, "raised_at__meeting",
                                           fields=["raised_at_id", "description"])
        raised_at = (ActionLogEntry.objects.filter(pk=self.pk)
                     .values_list("raised_at__meeting", flat=True).first())
        if raised_at and self.raised_at_id and self.raised_at.meeting_id != raised_at:
            raise ValidationError({"raised_at": "An action stays with the meeting that raised "
                                                "it: raise a new one at the other meeting."})

    @property
    def due(self):
        """When it is due: the date of the meeting it is due at, or its own date; None while it
        is left to a future meeting."""
        return self.due_meeting.date if self.due_meeting else self.due_on


class PackQuerySet(models.QuerySet):
    def published(self):
        """Packs that have finished rendering and are there to read."""
        return self.filter(status=Pack.Status.PUBLISHED)

    def unfinished(self):
        """Packs waiting to render or rendering."""
        return self.filter(status__in=[Pack.Status.QUEUED, Pack.Status.RENDERING])

    def with_documents(self):
        """The packs with their documents, leaving out the documents' HTML (read only to show
        one pack)."""
        return self.prefetch_related(models.Prefetch(
            "documents", queryset=PackDocument.objects.defer("html")))

    def stalled(self):
        """Unfinished packs whose rendering has made no progress for longer than the portal
        waits (PACK_RENDER_STALL_SECONDS): their worker was stopped or timed out."""
        silent_since = timezone.now() - timedelta(seconds=settings.PACK_RENDER_STALL_SECONDS)
        return self.unfinished().filter(progress_at__lt=silent_since)


class Pack(models.Model):
    """One published version of a meeting's pack, frozen once rendered."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to render"
        RENDERING = "rendering", "Rendering"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    number = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=500, blank=True,
                              help_text="Why it was published again, shown to board members.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=200, blank=True)
    progress_at = models.DateTimeField(
        default=timezone.now,
        help_text="When its rendering last made progress; a pack waiting or rendering that has "
                  "made none for PACK_RENDER_STALL_SECONDS counts as failed.")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PackQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_pack_per_number"),
        ]

    def __str__(self):
        return f"{self.meeting}, pack version {self.number}"


class PackDocument(models.Model):
    """A rendered pack for one audience: the PDF, its checksum, and its HTML twin."""

    class Audience(models.TextChoices):
        MEMBERS = "members", "Members' pack"
        PUBLIC = "public", "Public pack"

    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="documents")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    pdf = models.FileField(upload_to="packs/%Y/")
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField()
    html = models.TextField(help_text="The pack's body as published, for the web page.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pack", "audience"], name="one_document_per_audience"),
        ]

    def __str__(self):
        return f"{self.pack} ({self.get_audience_display()})"
