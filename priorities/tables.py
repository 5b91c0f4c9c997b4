import django_tables2 as tables

from trust_portal.core.tables import NOWRAP, GovukTable

from .models import Milestone


class MilestoneTable(GovukTable):
    due_on = tables.TemplateColumn("{{ record.due_text }}", verbose_name="Due", attrs=NOWRAP,
                                   order_by=("due_on",))
    description = tables.TemplateColumn(
        '<a class="govuk-link" href="{{ record.get_absolute_url }}">'
        "{{ record.description|truncatewords:24 }}</a>",
        verbose_name="Milestone",
    )
    priority = tables.TemplateColumn(
        "{{ record.action.priority.reference }} "
        "{{ record.action.priority.title|truncatewords:8 }}",
        order_by=("action__priority__outcome__order", "action__priority__order"),
    )
    status = tables.TemplateColumn(
        '{% include "partials/_milestone_status.html" with milestone=record %}', attrs=NOWRAP,
    )

    class Meta(GovukTable.Meta):
        model = Milestone
        fields = ["due_on", "description", "priority", "status"]
        verbose_name = "milestones"
        empty_text = "No milestones match."
