from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from trust_portal.core.layout import select
from trust_portal.core.models import Person

from .models import Paper


class PublishForm(forms.Form):
    reason = forms.CharField(
        label="Why is the pack being published again?", required=False, max_length=500,
        help_text="Board members see this with the new version, e.g. “Item 7 figures corrected”.")

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        layout = [Field.text("reason", label_size=Size.SMALL)] if needs_reason else []
        self.helper.layout = Layout(
            *layout, Submit("publish", "Publish again" if needs_reason else "Publish the pack"))


class PaperForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Paper
        fields = ["title", "summary", "body", "recommendations", "author", "contact"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "body": forms.Textarea(attrs={"rows": 20}),
                   "recommendations": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"body": "Use a blank line between paragraphs, “## ” before a heading, "
                              "“- ” before each item of a list, and | between table cells."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = Person.objects.filter(
            partnership_id=self.instance.partnership_id)
        self.fields["title"].error_messages["required"] = "Enter the paper's title"
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        body = [Field.textarea("body", label_size=Size.SMALL)]
        if self.instance.is_generated:
            del self.fields["body"]  # a generated paper's body is built from live data
            body = []
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.SMALL),
            Field.textarea("summary", label_size=Size.SMALL),
            *body,
            Field.textarea("recommendations", label_size=Size.SMALL),
            select("author", label_size=Size.SMALL),
            Field.text("contact", label_size=Size.SMALL),
            "version",
            Submit("save", "Save paper"),
        )
