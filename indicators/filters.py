from django import forms

from . import rag

ANY = [("", "Any")]


class ReportFilterForm(forms.Form):
    """Narrow the report's table; every field is optional and unknown values are ignored."""

    outcome = forms.ChoiceField(required=False)
    rating = forms.ChoiceField(required=False, choices=ANY + list(rag.Rating.choices))
    portfolio = forms.ChoiceField(required=False)
    key = forms.ChoiceField(required=False, label="Key indicators",
                            choices=ANY + [("yes", "Key indicators only")])

    def __init__(self, data, *, rows):
        super().__init__(data)
        indicators = [row.indicator for row in rows]
        self.fields["outcome"].choices = ANY + [
            (value, value) for value in sorted({i.outcome for i in indicators if i.outcome})]
        self.fields["portfolio"].choices = ANY + [
            (value, value) for value in sorted({i.portfolio for i in indicators if i.portfolio})]

    def apply(self, rows):
        if not self.is_valid():
            return rows
        wanted = self.cleaned_data
        return [
            row for row in rows
            if (not wanted["outcome"] or row.indicator.outcome == wanted["outcome"])
            and (not wanted["rating"] or row.rating.outcome == wanted["rating"])
            and (not wanted["portfolio"] or row.indicator.portfolio == wanted["portfolio"])
            and (not wanted["key"] or row.indicator.is_key or row.indicator.is_obsession)
        ]
