from django import forms

from . import rag
from .models import Actual, DataQuality

COMMENTARY_NAMES = {"context": "context", "corrective_action": "the corrective action"}

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
    stated_direction = forms.ChoiceField(
        label="Direction of travel as reported", required=False,
        choices=[("", "Not stated: computed from last year's figure"),
                 *((choice.value, choice.label) for choice in rag.STATED_DIRECTIONS)],
        help_text="Only where last year's figure is not held; a direction computed from it "
                  "is used instead wherever it is.")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, standing, submitting=False, **kwargs):
        self.standing = standing
        self.submitting = submitting
        actual = standing.actual or Actual(version=0)
        kwargs.setdefault("initial", {**actual.content(), "version": actual.version})
        super().__init__(*args, prefix=f"i{standing.indicator.pk}", **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.submitting or "value" not in cleaned:
            return cleaned
        standing = self.standing
        rating = rag.rate(actual=cleaned["value"],
                          target=standing.target.value if standing.target else None,
                          **standing.indicator.rating_terms(standing.bands))
        for field in rag.missing_commentary(rating, cleaned):
            self.add_error(field, f"{rating.label} needs {COMMENTARY_NAMES[field]} before it "
                                  f"can be submitted ({rating.explanation.lower()})")
        return cleaned

    def has_content(self):
        data = self.cleaned_data
        return any(data.get(field) not in (None, "") for field in
                   ("value", "forecast", "context", "corrective_action"))
