from django import forms

from . import rag
from .models import DataQuality

FIGURE = {"max_digits": 14, "decimal_places": 4,
          "error_messages": {"invalid": "Enter a number, like 5.3",
                             "max_digits": "Enter a number with at most 10 digits before "
                                           "the decimal point",
                             "max_decimal_places": "Enter a number with at most 4 decimal places",
                             "max_whole_digits": "Enter a number with at most 10 digits before "
                                                 "the decimal point"}}


class ActualEntryForm(forms.Form):
    """One indicator's line on a quarter's entry page."""

    value = forms.DecimalField(label="Actual", required=False, **FIGURE)
    data_quality = forms.ChoiceField(label="Data key", choices=DataQuality.choices)
    forecast = forms.DecimalField(label="Year-end forecast", required=False, **FIGURE)
    context = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    corrective_action = forms.CharField(required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, standing, submitting=False, **kwargs):
        self.standing = standing
        self.submitting = submitting
        actual = standing.actual
        kwargs.setdefault("initial", {
            "value": actual.value if actual else None,
            "data_quality": actual.data_quality if actual else DataQuality.ACTUAL,
            "forecast": actual.forecast if actual else None,
            "context": actual.context if actual else "",
            "corrective_action": actual.corrective_action if actual else "",
            "version": actual.version if actual else 0,
        })
        super().__init__(*args, prefix=f"i{standing.indicator.pk}", **kwargs)

    def rating_for(self, value):
        target = self.standing.target
        indicator = self.standing.indicator
        return rag.rate(actual=value, target=target.value if target else None,
                        lower_is_better=indicator.lower_is_better,
                        bands=self.standing.bands, unit_suffix=indicator.unit_suffix)

    def clean(self):
        cleaned = super().clean()
        if not self.submitting or "value" not in cleaned:
            return cleaned
        rating = self.rating_for(cleaned["value"])
        if rating.outcome in rag.EXCEPTIONS:
            for field, what in [("context", "context"), ("corrective_action",
                                                          "the corrective action")]:
                if not cleaned.get(field, "").strip():
                    self.add_error(field, f"{rating.label} needs {what} before it can be "
                                          f"submitted ({rating.explanation.lower()})")
        return cleaned

    def has_content(self):
        data = self.cleaned_data
        return any(data.get(field) not in (None, "") for field in
                   ("value", "forecast", "context", "corrective_action"))
