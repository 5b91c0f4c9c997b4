"""Form layout helpers for what crispy-forms-gds does not offer."""

from crispy_forms_gds.layout import Field, Size


def select(field: str, *, label_size: str | None = None) -> Field:
    """A select with a label size, as Field.text and Field.textarea take one. Field.select
    has none, and passes one on as an HTML attribute that is not valid HTML."""
    context = {"label_size": Size.for_label(label_size)} if label_size else {}
    return Field(field, context=context)
