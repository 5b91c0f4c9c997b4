from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from trust_portal.core.layout import select

from .cards import ReportCard
from .figures import validate_printable
from .models import ReportingPeriod


class ReportCardForm(forms.Form):
    title = forms.CharField(max_length=300, validators=[validate_printable],
                            error_messages={"required": "Enter the card's title"})
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(), required=False, label="As at",
        empty_label="Not chosen yet",
        help_text="The reporting period the card speaks of. A card is published for one.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            partnership=partnership).order_by("-year", "-quarter", "kind")
        self.fields["period"].label_from_instance = lambda period: period.name
        for name in ReportCard.SECTIONS:
            model_field = ReportCard._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name.capitalize(), required=False,
                validators=[validate_printable], widget=forms.Textarea(attrs={"rows": 6}),
                help_text=model_field.help_text or "Markdown: a line starting with - is a "
                                                   "bullet; **bold**, tables.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.SMALL),
            select("period", label_size=Size.SMALL),
            *[Field.textarea(name, label_size=Size.SMALL) for name in ReportCard.SECTIONS],
            "version",
            Submit("save", "Save draft"),
        )

    @classmethod
    def for_card(cls, card, partnership):
        return cls(partnership=partnership, initial={
            "title": card.title, "period": card.period_id, "version": card.version,
            **{name: getattr(card, name) for name in ReportCard.SECTIONS}})

    def sections(self):
        return {name: self.cleaned_data[name] for name in ReportCard.SECTIONS}
