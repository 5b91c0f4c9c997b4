from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from trust_portal.core.fields import DateField

from .models import Milestone


class MilestoneUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Milestone.Status.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select the milestone's status"})
    progress_note = forms.CharField(
        label="Progress note", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has happened since the last update, and what happens next.",
    )
    due_on = DateField(label="Due date", required=False,
                            help_text="For example, 31 3 2012")
    completed_on = DateField(label="Date completed", required=False,
                                  help_text="Only for a complete milestone.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.MEDIUM, small=True),
            Field.textarea("progress_note", label_size=Size.SMALL),
            Field("due_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field("completed_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            "version",
            Submit("save", "Save update"),
        )

    @classmethod
    def for_milestone(cls, milestone):
        return cls(initial={
            "status": milestone.status, "progress_note": milestone.progress_note,
            "due_on": milestone.due_on, "completed_on": milestone.completed_on,
            "version": milestone.version,
        })

    def clean(self):
        cleaned = super().clean()
        status, completed_on = cleaned.get("status"), cleaned.get("completed_on")
        if status == Milestone.Status.COMPLETE and not completed_on and \
                "completed_on" not in self.errors:
            self.add_error("completed_on", "Enter the date the milestone was completed")
        if completed_on and status and status != Milestone.Status.COMPLETE:
            self.add_error("completed_on",
                           "Leave the date completed empty unless the milestone is complete")
        if completed_on and completed_on > timezone.localdate():
            self.add_error("completed_on", "The date completed cannot be in the future")
        return cleaned
