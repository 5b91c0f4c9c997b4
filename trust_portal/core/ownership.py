"""Whose a record is, and the rule that follows: a record never refers to another partnership's.

Each partnership-owned model names its way to its partnership in `partnership_path`, a lookup
such as "meeting__partnership"; the first step is the field that says whose the record is.
The same path scopes querysets (what an administrator sees and may choose) and validates
records (what any page may save), so the rule is written once.
"""

from django import forms
from django.core.exceptions import ValidationError

REFUSAL = "Choose a record of this partnership: that one belongs to another partnership."


class PartnershipOwned:
    """Mixed into a partnership-owned model: its clean() refuses other partnerships' records.

    A model with a clean() of its own calls super().clean() in it.
    """

    partnership_path = "partnership"

    def clean(self):
        super().clean()
        refuse_other_partnerships(self)


def is_owned(model):
    return hasattr(model, "partnership_path")


def owned_by(queryset, partnerships):
    """The records of `queryset` belonging to `partnerships` (a queryset or list of them)."""
    return queryset.filter(**{f"{queryset.model.partnership_path}__in": partnerships})


def partnership_id_of(record):
    """The id of the partnership `record` belongs to, or None while that is not yet known."""
    *steps, last = record.partnership_path.split("__")
    for step in steps:
        record = getattr(record, step, None)  # None too when the step is unset or missing
        if record is None:
            return None
    return record.pk if last == "pk" else getattr(record, f"{last}_id")


def refuse_other_partnerships(record, choices=None):
    """Raise ValidationError naming each field that refers to another partnership's record.

    `choices` maps field names to the records chosen in them, such as a form's many-to-many
    selections; by default, the record's own foreign keys to partnership-owned records.
    """
    own = partnership_id_of(record)
    if own is None:
        return
    if choices is None:
        choices = {field.name: [getattr(record, field.name, None)]
                   for field in record._meta.concrete_fields
                   if field.is_relation and is_owned(field.related_model)}
    errors = {name: REFUSAL for name, chosen in choices.items()
              if any(other is not None and partnership_id_of(other) != own for other in chosen)}
    if errors:
        raise ValidationError(errors)


class PartnershipOwnedForm(forms.ModelForm):
    """A model form that also refuses other partnerships' records among its multiple choices,
    which the model cannot see before they are saved."""

    def _post_clean(self):
        super()._post_clean()  # the model's own clean() has checked its foreign keys
        selections = {name: self.cleaned_data[name] for name, field in self.fields.items()
                      if isinstance(field, forms.ModelMultipleChoiceField)
                      and name in self.cleaned_data}
        if not is_owned(type(self.instance)) or not selections:
            return
        try:
            refuse_other_partnerships(self.instance, selections)
        except ValidationError as refused:
            self._update_errors(refused)
