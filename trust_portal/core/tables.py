import django_tables2 as tables

NOWRAP = {"td": {"class": "govuk-table__cell app-nowrap"}}  # a column of dates


class GovukTable(tables.Table):
    """A django-tables2 table dressed in the GOV.UK Design System's table classes."""

    class Meta:
        attrs = {
            "class": "govuk-table",
            "th": {"class": "govuk-table__header"},
            "td": {"class": "govuk-table__cell"},
            "tbody": {"class": "govuk-table__body"},
        }
        row_attrs = {"class": "govuk-table__row"}
