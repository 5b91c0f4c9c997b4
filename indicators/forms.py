import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django import forms

from . import checks, figures, rag
from .models import Actual, DataQuality, Target

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

    def __init__(self, *args, standing, submitting=False, comparisons=(), **kwargs):
        self.standing = standing
        self.submitting = submitting
        self.comparisons = comparisons  # earlier figures to check it by (checks.Comparison)
        actual = standing.actual or Actual(version=0)
        kwargs.setdefault("initial", {**actual.content(), "version": actual.version})
        super().__init__(*args, prefix=f"i{standing.indicator.pk}", **kwargs)

    @property
    def key(self):
        return self.standing.indicator.pk

    @property
    def subject(self):
        return self.standing.indicator.code

    @property
    def anchor(self):
        return f"indicator-{self.standing.indicator.pk}"

    @property
    def value_check(self):
        """The actual's rating once it differs from what is saved, and its warnings against
        last quarter's figure and the same quarter's last year."""
        standing = self.standing
        return FigureCheck(self["value"], "If saved:", checks.terms(
            indicator=standing.indicator, bands=standing.bands, typed="actual",
            target=standing.target.value if standing.target else None,
            saved=standing.value, comparisons=self.comparisons), about="Actual")

    @property
    def forecast_check(self):
        return FigureCheck(self["forecast"], "", checks.terms(
            indicator=self.standing.indicator, bands=self.standing.bands, typed="forecast"),
            about="Year-end forecast")

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


class TargetForm(forms.Form):
    """One target on a target page: an indicator's in one period (a reads.TargetCell)."""

    value = FigureField(label="Target", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, cell, editable, bands, **kwargs):
        self.cell, self.editable, self.bands = cell, editable, bands
        target = cell.target or Target(version=0)
        kwargs.setdefault("initial", {**target.content(), "version": target.version})
        super().__init__(*args, prefix=f"i{cell.indicator.pk}-{cell.slot}", **kwargs)
        self.fields["value"].label = cell.label
        for field in self.fields.values():
            field.disabled = not editable

    @property
    def key(self):
        return self.cell.key

    @property
    def subject(self):
        return f"{self.cell.indicator.code}, {self.cell.period.name}"

    @property
    def anchor(self):
        return self["value"].id_for_label

    @property
    def changes_closed_period(self):
        """Whether a target of a period the editor may not change was posted (by a page read
        before the period closed): it is refused, not quietly left as it was."""
        return not self.editable and self.is_bound and self.add_prefix("value") in self.data

    @property
    def check(self):
        """The rating the period's actual would get against the target, and its warnings."""
        actual, indicator = self.cell.actual, self.cell.indicator
        value = actual.value if actual else None
        prefix = f"Actual {indicator.format(value)}:" if value is not None else ""
        return FigureCheck(self["value"], prefix, checks.terms(
            indicator=indicator, bands=self.bands, typed="target", actual=value))


@dataclass
class FigureCheck:
    """What a page shows under a figure's box, as checks.py rules, and the terms the browser
    checks it by as it changes (static/figure-checks.js)."""

    field: forms.BoundField
    prefix: str  # the words before the rating
    terms: dict
    about: str = ""  # the figure's name before each warning, where it is not beside its box

    @property
    def readable(self):
        """Whether the box holds a figure (or a blank) as posted or saved: no check of a figure
        the form refused, which says why instead."""
        form = self.field.form
        return not (form.is_bound and self.field.name in form.errors)

    @cached_property
    def value(self):
        form = self.field.form
        if not form.is_bound:
            return form.initial.get(self.field.name)
        return form.cleaned_data.get(self.field.name) if self.readable else None

    @property
    def rating(self):
        return checks.rating(self.value, self.terms) if self.readable else None

    @property
    def rating_detail(self):
        return checks.beside_badge(self.rating) if self.rating else ""

    @property
    def warnings(self):
        return checks.warnings(self.value, self.terms) if self.readable else []

    @property
    def terms_json(self):
        return json.dumps(self.terms)
