import hashlib
import json

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from indicators.models import ReportingPeriod
from priorities.models import Priority
from trust_portal.core.fields import DateField
from trust_portal.core.models import Person

from .anonymity import flags, highlighted
from .models import DataRequest, Decision, Review, ReviewAction, SafeguardingUpdate

CONFIRMATION = "anonymity_confirmed"
SIGNATURE = "anonymity_signature"


def validate_reference(value):
    """A reference is initials or a code: never anything that looks like a name."""
    if flags(value):
        raise ValidationError("Use initials or a code only, never a name, date or address.")


class AnonymityChecked(forms.ModelForm):
    """A form of a review's records whose free text (`checked`) is checked for anything that
    identifies someone: what is flagged is shown highlighted (`flagged`), and is kept only once
    the writer confirms it, or corrects it, which checks it again."""

    checked: list[str] = []
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    anonymity_confirmed = forms.BooleanField(
        required=False, label="I have checked the highlighted text: it identifies nobody")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.flagged, self.found = {}, {}
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def signature(self):
        """Names what was flagged, so a confirmation covers exactly the text it was shown."""
        seen = [(name, [(flag.kind, flag.text) for flag in pieces])
                for name, pieces in sorted(self.found.items())]
        return hashlib.sha256(json.dumps(seen).encode()).hexdigest()

    def clean(self):
        cleaned = super().clean()
        self.found = {name: found for name in self.checked
                      if (found := flags(cleaned.get(name) or ""))}
        if not self.found:
            return cleaned
        self.flagged = {self.fields[name].label: highlighted(cleaned[name])
                        for name in self.found}
        confirmed = cleaned.get(CONFIRMATION) and self.data.get(SIGNATURE) == self.signature
        if not confirmed:
            raise ValidationError(
                "Check the highlighted text: it may name a person, give a date of birth or an "
                "address. Correct it, or confirm that it identifies nobody.",
                code="anonymity")
        return cleaned


class ReviewForm(AnonymityChecked):
    """A review's details."""

    checked = Review.FREE_TEXT

    class Meta:
        model = Review
        fields = Review.RECORDED
        field_classes = {"commissioned_on": DateField, "submitted_on": DateField,
                         "evaluated_on": DateField, "summary_published_on": DateField}
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in Review.FREE_TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].validators.append(validate_reference)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("reference", label_size=Size.SMALL, field_width=10),
            Field.radios("type", legend_size=Size.SMALL, small=True),
            Field("status", context={"label_size": Size.for_label(Size.SMALL)}),
            *(Field.textarea(name, label_size=Size.SMALL) for name in ["status_note",
                                                                       "delay_reason"]),
            *(Field(name, context={"legend_size": "govuk-fieldset__legend--s"})
              for name in ["commissioned_on", "submitted_on", "evaluated_on"]),
            Field("evaluation", context={"label_size": Size.for_label(Size.SMALL)}),
            Field.textarea("lessons", label_size=Size.SMALL),
            Field.textarea("executive_summary", label_size=Size.SMALL),
            Field("summary_published_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            "version",
        )


class ReviewActionForm(AnonymityChecked):
    """An action arising from a review: what, who owns it (a role or team), by when."""

    checked = ["description", "owner"]

    class Meta:
        model = ReviewAction
        fields = ["description", "owner", "due_on", "completed_on"]
        field_classes = {"due_on": DateField, "completed_on": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("description", label_size=Size.SMALL),
            Field.text("owner", label_size=Size.SMALL),
            *(Field(name, context={"legend_size": "govuk-fieldset__legend--s"})
              for name in ["due_on", "completed_on"]),
            "version",
        )


class UpdateForm(forms.ModelForm):
    """The LSCB's quarterly update to the board, as its safeguarding lead writes it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SafeguardingUpdate
        fields = ["title", "period", "introduction", "actions_preamble", "actions",
                  "further_report", "recommendations", "author", "contact"]
        widgets = {name: forms.Textarea(attrs={"rows": rows}) for name, rows in [
            ("introduction", 4), ("actions_preamble", 2), ("actions", 10),
            ("further_report", 10), ("recommendations", 3)]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership_id = self.instance.partnership_id
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            partnership_id=partnership_id, kind=ReportingPeriod.Kind.QUARTER).order_by(
            "-year", "-quarter")
        self.fields["author"].queryset = Person.objects.filter(partnership_id=partnership_id)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.SMALL),
            Field("period", context={"label_size": Size.for_label(Size.SMALL)}),
            *(Field.textarea(name, label_size=Size.SMALL) for name in [
                "introduction", "actions_preamble", "actions", "further_report",
                "recommendations"]),
            Field("author", context={"label_size": Size.for_label(Size.SMALL)}),
            Field.text("contact", label_size=Size.SMALL),
            "version",
            Submit("save", "Save update"),
        )


class DataRequestForm(forms.ModelForm):
    """The Star Chamber's template (seed 002, "Proposed Star Chamber Template")."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DataRequest
        fields = ["title", "requested_by", "priority", "business_case", "existing_data",
                  "cost", "workload", "last_collected", "target_group", "sample_size",
                  "timescales"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in
                   ["business_case", "existing_data", "cost", "workload", "timescales"]}

    REQUIRED = {
        "title": "Enter the request's title",
        "requested_by": "Enter the officer and organisation making the request",
        "priority": "Choose the CYPP priority the data serves",
        "business_case": "Say why the data is needed",
        "existing_data": "Say whether the data already exists",
        "cost": "Enter the cost to collect the data",
        "workload": "Enter the impact on workload in staff hours",
        "last_collected": "Say when the data was last collected",
        "target_group": "Enter the target group",
        "sample_size": "Enter the size of the sample",
        "timescales": "Enter the timescales and deadlines",
    }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].error_messages["required"] = message
        self.instance.partnership = partnership
        self.fields["priority"].queryset = Priority.objects.for_partnership(
            partnership).select_related("outcome__plan")
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.SMALL),
            Field.text("requested_by", label_size=Size.SMALL),
            Field("priority", context={"label_size": Size.for_label(Size.SMALL)}),
            *(Field.textarea(name, label_size=Size.SMALL)
              for name in ["business_case", "existing_data", "cost", "workload"]),
            *(Field.text(name, label_size=Size.SMALL)
              for name in ["last_collected", "target_group", "sample_size"]),
            Field.textarea("timescales", label_size=Size.SMALL),
            "version",
            Submit("submit", "Submit to the Star Chamber"),
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select the Star Chamber's decision"})
    decided_on = DateField(label="Date of the decision")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            label="The changes asked for, or the reasons")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's form, which posts to the decision's address
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL, small=True),
            Field("decided_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("notes", label_size=Size.SMALL),
            "version",
            Submit("decide", "Record the decision"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Decision.Outcome.CHANGES_REQUESTED and not cleaned.get(
                "notes", "").strip():
            self.add_error("notes", "Say which changes the Star Chamber asks for")
        return cleaned
