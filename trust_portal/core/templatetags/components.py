"""Block tags for the GOV.UK patterns that wrap what a page puts inside them, so each is
written once: a table that scrolls in its own region, and the error summary."""

import re
from html import unescape

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)


def caption_text(html):
    """The words of the first table caption in `html`, or "" when it has none."""
    found = CAPTION.search(html)
    return " ".join(unescape(strip_tags(found.group(1))).split()) if found else ""


def _block(parser, token, end):
    """The tag's arguments, compiled, and what it wraps."""
    arguments = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return arguments, nodelist


def _words(arguments, context):
    """The arguments' values as one phrase: {% tag "Someone else saved" record %}."""
    return " ".join(str(argument.resolve(context)) for argument in arguments)


class ScrollingRegion(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        table = self.nodelist.render(context)
        label = _words(self.label, context) or caption_text(table)
        if not label:
            raise template.TemplateSyntaxError(
                "A scrolling table needs a caption or a label to name its region.")
        return format_html('<div class="app-table-region" role="region" aria-label="{}" '
                           'tabindex="0">{}</div>', label, mark_safe(table))


@register.tag
def scrolling(parser, token):
    """A table that scrolls sideways inside its own region on a narrow screen instead of
    widening the page, as the GOV.UK Design System advises: {% scrolling %}<table>…
    {% endscrolling %}. The region takes keyboard focus, so it scrolls without a mouse, and is
    named after the label given ({% scrolling "Agenda" %}), or else the table's caption."""
    return ScrollingRegion(*_block(parser, token, "endscrolling"))


class ErrorSummary(template.Node):
    def __init__(self, title, nodelist):
        self.title, self.nodelist = title, nodelist

    def render(self, context):
        return render_to_string("partials/_error_summary.html", {
            "title": _words(self.title, context) or "There is a problem",
            "body": mark_safe(self.nodelist.render(context)),
        })


@register.tag
def error_summary(parser, token):
    """The GOV.UK error summary at the top of a page, its title given ("There is a problem"
    when none is) and its body what it wraps: what was not saved, and a list of links to each
    problem (`govuk-error-summary__list`)."""
    return ErrorSummary(*_block(parser, token, "enderror_summary"))
