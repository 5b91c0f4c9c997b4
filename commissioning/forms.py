from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from trust_portal.core.fields import DateField

from .models import Commission
from .rules import Route, Stage


class PlanningForm(forms.ModelForm):
    """The 13 questions of the commissioning planning template."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Commission
        fields = Commission.PLANNING_FIELDS
        widgets = {field: forms.Textarea(attrs={"rows": 3})
                   for field in Commission.PLANNING_FIELDS if field != "effectiveness"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effectiveness"].widget = forms.RadioSelect(
            choices=[("", "Not assessed"), *self.fields["effectiveness"].choices[1:]])
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *[Field.radios(name, legend_size=Size.SMALL, small=True, inline=True)
              if name == "effectiveness" else Field.textarea(name, label_size=Size.SMALL)
              for name in Commission.PLANNING_FIELDS],
            "version", Submit("save", "Save the planning template"))

    @classmethod
    def for_commission(cls, commission):
        return cls(instance=commission, initial={"version": commission.version})


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label="Move to", choices=Stage.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Select the stage to move to"})
    happened_on = DateField(label="When it happened", required=False,
                            help_text="For example, 24 9 2009. Empty for today.")
    reason = forms.CharField(
        label="Why", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to skip a stage, go back a stage or withdraw the commission.")
    route = forms.ChoiceField(label="Procurement route", choices=Route.choices,
                              widget=forms.RadioSelect)
    route_reason = forms.CharField(
        label="Reason for the route", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed for a direct award: why it is commissioned and not tendered.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("to_stage", legend_size=Size.MEDIUM, small=True),
            Field("happened_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("reason", label_size=Size.SMALL),
            Field.radios("route", legend_size=Size.SMALL, small=True),
            Field.textarea("route_reason", label_size=Size.SMALL),
            Submit("move", "Record the move"))

    @classmethod
    def for_commission(cls, commission):
        return cls(initial={"route": commission.route, "route_reason": commission.route_reason})
