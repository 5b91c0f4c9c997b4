from decimal import Decimal

from django import template

register = template.Library()

NOT_RECORDED = "Not recorded"


@register.filter
def money(value):
    """£40,000 or £1,250.50; what the sources do not give reads "Not recorded"."""
    if value is None or value == "":
        return NOT_RECORDED
    value = Decimal(value)
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


@register.filter
def day(value):
    return f"{value:%-d %B %Y}" if value else NOT_RECORDED
