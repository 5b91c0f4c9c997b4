from decimal import Decimal

from django import forms

from . import figures, rag
from .models import Actual, DataQuality

COMMENTARY_NAMES = {"context": "context", "corrective_action": "the corrective action"}


class FigureField(forms.DecimalField):
    """A figure as officers write it, read by the rule uploads use too (figures.parse_figure):
    rounded to the 4 decimal places stored, commas only between thousands."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=figures.MAX_DIGITS, decimal_places=figures.DECIMAL_PLACES,
                         **kwargs)

    def prepare_value(self, value):
        # A stored figure as its officer wrote it: 5.3, not the 5.3000 the database keeps.
        return f"{value.normalize():f}" if isinstance(value, Decimal) else value

    def to_python(self, value):
        try:
            return figures.parse_figure(value)
        except ValueError as error:
            raise forms.ValidationError(f"{error}. Enter a number, like 5.3",
                                        code="invalid") from None


class CommentaryField(forms.CharField):
    """Text without the control characters a spreadsheet cannot hold (figures.clean_text)."""

    def to_python(self, value):
        return super().to_python(figures.clean_text(value))


def posted_versions(data):
    """{indicator pk: version} of the figures a reviewer read on the sign-off page, from its
    hidden `version-<pk>` fields; what is not a whole number is left out."""
    versions = {}
    for name, value in data.items():
        pk = name.removeprefix("version-")
        if name.startswith("version-") and pk.isdigit() and value.isdigit():
            versions[int(pk)] = int(value)
    return versions


class ActualEntryForm(forms.Form):
    """One indicator's line on a quarter's entry page."""

    value = FigureField(label="Actual", required=False)
    data_quality = forms.ChoiceField(label="Data key", choices=DataQuality.choices)
    forecast = FigureField(label="Year-end forecast", required=False)
    context = CommentaryField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    corrective_action = CommentaryField(required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    stated_direction = forms.ChoiceField(
        label="Direction of travel as reported", required=False,
        choices=[("", "Not stated: computed from last year's figure"),
                 *Actual._meta.get_field("stated_direction").choices],
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
