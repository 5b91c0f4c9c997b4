"""Markdown for papers and minutes: headings, lists, tables and emphasis, never raw HTML."""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

# "js-default" leaves HTML in the text escaped and refuses javascript: links; images are
# switched off so that neither a browser nor the PDF renderer ever fetches a remote address.
_markdown = MarkdownIt("js-default").disable("image")

# A paper's title is a level-2 heading in the pack, so its own sections start at level 3.
FIRST_SECTION_LEVEL = 3


def _heading_open(self, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = f"h{min(6, max(FIRST_SECTION_LEVEL, int(token.tag[1]) + 1))}"
    return self.renderToken(tokens, idx, options, env)


def _heading_close(self, tokens, idx, options, env):
    tokens[idx].tag = tokens[idx - 2].tag
    return self.renderToken(tokens, idx, options, env)


def _table_open(self, tokens, idx, options, env):
    # A written table scrolls within its own region on a phone, as the portal's own do.
    env["tables"] = env.get("tables", 0) + 1
    return (f'<div class="app-table-region" role="region" aria-label="Table {env["tables"]}" '
            f'tabindex="0">{self.renderToken(tokens, idx, options, env)}')


def _table_close(self, tokens, idx, options, env):
    return f"{self.renderToken(tokens, idx, options, env)}</div>\n"


_markdown.add_render_rule("heading_open", _heading_open)
_markdown.add_render_rule("heading_close", _heading_close)
_markdown.add_render_rule("table_open", _table_open)
_markdown.add_render_rule("table_close", _table_close)


def render_markdown(text):
    return mark_safe(_markdown.render(text or ""))  # noqa: S308 - markdown-it escapes all HTML
