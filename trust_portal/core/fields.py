from datetime import date

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class DateField(DateInputField):
    """The GOV.UK day, month and year date input, with the design system's wording for errors.

    A date with only some of its parts filled in is an error, never silently left empty.
    """

    def compress(self, data_list):
        missing = [name for name, part in zip(("day", "month", "year"), data_list, strict=True)
                   if not part]
        if len(missing) == 3:
            return None
        if missing:
            raise ValidationError(f"The date must include a {' and a '.join(missing)}",
                                  code="incomplete")
        day, month, year = data_list
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except ValueError:
            raise ValidationError("Enter a real date, for example 31 3 2012",
                                  code="invalid") from None
