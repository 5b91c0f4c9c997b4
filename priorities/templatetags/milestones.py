from django import template

register = template.Library()

TAG_COLOURS = {
    "not_started": "grey",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "complete": "blue",
}


@register.filter
def status_colour(status):
    """The GOV.UK tag colour for a milestone status."""
    return TAG_COLOURS.get(str(status), "grey")
