import django_tables2 as tables
from django.urls import reverse

from trust_portal.core.tables import NOWRAP, GovukTable

from .models import ActionLogEntry, Minute


class DecisionTable(GovukTable):
    date = tables.DateColumn("j M Y", accessor="item__meeting__date", verbose_name="Meeting",
                             attrs=NOWRAP, linkify=lambda record: reverse(
                                 "meeting_minutes", args=[record.item.meeting.partnership.slug,
                                                          record.item.meeting_id]))
    item = tables.Column(verbose_name="Item", order_by=("item__title",))
    resolution = tables.Column()
    text = tables.TemplateColumn("{{ record.text|truncatewords:30 }}", verbose_name="Minute",
                                 orderable=False)

    class Meta(GovukTable.Meta):
        model = Minute
        fields = ["date", "item", "resolution", "text"]
        verbose_name = "decisions"
        empty_text = "No decisions match."


class ActionLogTable(GovukTable):
    raised = tables.DateColumn("j M Y", accessor="raised_at__meeting__date", verbose_name="Raised",
                               attrs=NOWRAP)
    item = tables.Column(accessor="raised_at__number", verbose_name="Item")
    description = tables.Column(verbose_name="Action")
    owner = tables.Column(default="Not assigned", order_by=("owner__name",))
    due = tables.DateColumn("j M Y", default="Future meeting",
                            order_by=("due_meeting__date", "due_on"), attrs=NOWRAP)
    status = tables.Column()
    update = tables.Column(default="", orderable=False)

    class Meta(GovukTable.Meta):
        model = ActionLogEntry
        fields = ["raised", "item", "description", "owner", "due", "status", "update"]
        verbose_name = "actions"
        empty_text = "No actions match."
