from django import template

from indicators.models import Actual
from indicators.rag import Direction

register = template.Library()

RATING_COLOURS = {
    "over_performing": "blue",
    "green": "green",
    "amber": "yellow",
    "red": "red",
}
ACTUAL_STATUS_COLOURS = {"draft": "grey", "submitted": "blue", "signed_off": "green",
                         "returned": "orange"}
DIRECTION_ARROWS = {"improved": "↑", "deteriorated": "↓", "unchanged": "↔"}


@register.filter
def figure(value, indicator):
    """A value in the indicator's unit and decimals, e.g. 5.3%; empty for no value."""
    return indicator.format(value)


@register.filter
def rating_colour(outcome):
    return RATING_COLOURS.get(str(outcome), "grey")


@register.filter
def actual_status_colour(status):
    return ACTUAL_STATUS_COLOURS.get(str(status), "grey")


@register.filter
def actual_status_label(status):
    """The label of an actual's stored status, e.g. Signed off for signed_off."""
    return Actual.Status(status).label if status in Actual.Status.values else ""


@register.filter
def arrow(outcome):
    return DIRECTION_ARROWS.get(str(outcome), "–")


@register.filter
def direction_label(value):
    """The label of a direction of travel's stored value, e.g. Improved for improved."""
    return Direction(value).label if value in Direction.values else ""


@register.filter
def bound_id(form, field_name):
    """The HTML id of a form's field, for error summary links."""
    return form[field_name].id_for_label


@register.filter
def get(mapping, key):
    return mapping.get(key)
