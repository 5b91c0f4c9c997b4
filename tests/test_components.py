"""The wrapping components: a table's scrolling region is named after its caption or label,
and the error summary carries its title and what it wraps."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from trust_portal.core.templatetags.components import caption_text


def render(source, **context):
    return Template("{% load components %}" + source).render(Context(context))


@pytest.mark.parametrize(("html", "text"), [
    ('<table><caption class="govuk-table__caption">Indicators <span>by\n rating</span>'
     '</caption></table>', "Indicators by rating"),
    ("<table><caption>Health &amp; wellbeing</caption></table>", "Health & wellbeing"),
    ("<table><tr><td>no caption</td></tr></table>", ""),
])
def test_caption_text(html, text):
    assert caption_text(html) == text


def test_a_scrolling_table_is_a_focusable_region_named_after_its_caption():
    html = render("{% scrolling %}<table><caption>Milestones &amp; actions</caption></table>"
                  "{% endscrolling %}")
    assert html.startswith('<div class="app-table-region" role="region" '
                           'aria-label="Milestones &amp; actions" tabindex="0"><table>')


def test_a_label_names_a_table_without_a_caption():
    assert 'aria-label="Agenda of 3 May"' in render(
        '{% scrolling "Agenda of" day %}<table></table>{% endscrolling %}', day="3 May")


def test_a_scrolling_table_without_a_name_is_refused():
    with pytest.raises(TemplateSyntaxError, match="caption or a label"):
        render("{% scrolling %}<table></table>{% endscrolling %}")


@pytest.mark.parametrize(("tag", "title"), [
    ("{% error_summary %}", "There is a problem"),
    ('{% error_summary "Someone else saved" record "while you were editing it" %}',
     "Someone else saved this paper while you were editing it"),
])
def test_the_error_summary(tag, title):
    html = render(tag + '<p class="govuk-body">Nothing has been saved.</p>{% enderror_summary %}',
                  record="this paper")
    assert f'<h2 class="govuk-error-summary__title">{title}</h2>' in html
    assert '<div role="alert">' in html
    assert ('<div class="govuk-error-summary__body"><p class="govuk-body">Nothing has been '
            'saved.</p></div>') in html
