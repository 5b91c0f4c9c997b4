from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from trust_portal.core.fields import DateField

from .models import Bid, Commission
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


class AwardForm(forms.Form):
    """Award a contract: to a bid that passed the PQQ, or directly where the route says so."""

    bid = forms.ModelChoiceField(queryset=Bid.objects.none(), required=False,
                                 label="Winning bid", widget=forms.RadioSelect,
                                 help_text="Choose none for a direct award.")
    provider = forms.CharField(max_length=300, required=False,
                               help_text="Leave empty to use the winning bidder's name.")
    value = forms.DecimalField(label="Value in pounds", required=False, min_value=0,
                               max_digits=12, decimal_places=2)
    starts_on = DateField(label="Starts", required=False)
    ends_on = DateField(label="Ends", required=False)
    term_note = forms.CharField(label="Term as recorded", required=False, max_length=300,
                                help_text='Where the dates are not exact, e.g. "one year".')
    awarded_on = DateField(label="Awarded on", required=False)
    extensions = forms.CharField(
        label="Extension options", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text='One a line, e.g. "a second year upon satisfactory completion of the first".')

    def __init__(self, *args, commission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = commission.bids.order_by("pk")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("bid", legend_size=Size.MEDIUM, small=True),
            Field.text("provider", label_size=Size.SMALL),
            Field.text("value", label_size=Size.SMALL),
            Field("starts_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field("ends_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.text("term_note", label_size=Size.SMALL),
            Field("awarded_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("extensions", label_size=Size.SMALL),
            Submit("award", "Award the contract"))

    def clean(self):
        cleaned = super().clean()
        bid = cleaned.get("bid")
        if not cleaned.get("provider") and bid is not None:
            cleaned["provider"] = bid.bidder
        if not cleaned.get("provider"):
            self.add_error("provider", "Name the provider the contract is awarded to")
        return cleaned


class BidForm(forms.Form):
    """A bid as it arrives: a late one is admitted only with the reason recorded."""

    bidder = forms.CharField(max_length=300, label="Provider organisation",
                             error_messages={"required": "Enter the provider's name"})
    received_on = DateField(label="Received on")
    late_reason = forms.CharField(
        label="Why a late bid is admitted", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed only for a bid received after the closing date.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's form also says which action it is
        self.helper.layout = Layout(
            Field.text("bidder", label_size=Size.SMALL),
            Field("received_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("late_reason", label_size=Size.SMALL),
            Submit("record", "Record the bid"))
