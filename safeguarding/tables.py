import django_tables2 as tables
from django.urls import reverse

from trust_portal.core.tables import GovukTable

from .models import ReviewRead


class ReadLogTable(GovukTable):
    """The read log, newest first, a page at a time."""

    read_at = tables.DateTimeColumn("j M Y, H:i:s", verbose_name="When",
                                    attrs={"td": {"class": "govuk-table__cell app-nowrap"}})
    username = tables.Column(verbose_name="Who")
    what = tables.Column()
    review = tables.Column(linkify=lambda record: reverse(
        "safeguarding:review_detail", args=[record.partnership.slug, record.review_id]))

    class Meta(GovukTable.Meta):
        model = ReviewRead
        fields = ["read_at", "username", "what", "review"]
        orderable = False
        verbose_name = "reads"
        empty_text = "No reads yet."
