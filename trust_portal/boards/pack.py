"""The meeting pack: one set of templates and data for the web page and the PDF.

The PDF prints each paper's page range in the agenda with CSS `target-counter()`, so WeasyPrint
resolves them in the same layout that places the papers. The web page takes the same ranges
from the laid-out document's anchors, so both always agree.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from .appendices import lay_in_uploads
from .models import AgendaItem, PackDocument
from .registry import PaperUnavailable, get_kind

PACK_STYLESHEET = Path(__file__).parent / "pack.css"
# Packs are tagged for screen readers (PDF/UA), which also carries the title and language.
PDF_VARIANT = "pdf/ua-1"
Audience = PackDocument.Audience


@dataclass
class PackEntry:
    """An agenda item as the pack prints it: its paper's body rendered, or why it is not."""

    item: AgendaItem
    body: str = ""
    withheld: bool = False
    withheld_note: str = "Exempt information: not for publication"
    problem: str = ""
    pages: tuple | None = None

    @property
    def paper(self):
        return self.item.paper

    @property
    def has_pages(self):
        return self.paper is not None and not self.withheld


@dataclass
class RenderedPack:
    pdf: bytes
    html: str
    page_count: int
    page_ranges: dict = field(default_factory=dict)

    @property
    def sha256(self):
        return hashlib.sha256(self.pdf).hexdigest()


def agenda_items(meeting):
    return (meeting.items.select_related("presenter", "paper__author")
            .prefetch_related("paper__appendices"))


def pack_entries(meeting, audience, shared=None, access=None):
    """Every agenda item; papers rendered, exempt ones withheld from the public and each
    paper withheld from readers its kind does not admit (see Readers): `access` for a member
    reading live, None for a stored document. `shared` is what the papers have read so far
    (see PaperKind.build), kept across audiences if given."""
    entries, shared = [], {} if shared is None else shared
    public = audience == Audience.PUBLIC
    for item in agenda_items(meeting):
        entry = PackEntry(item=item, withheld=item.is_exempt and public)
        if entry.has_pages and not item.paper.may_be_read(public=public, access=access):
            entry.withheld, entry.withheld_note = True, item.paper.readers.note
        if entry.has_pages:
            try:
                kind = get_kind(item.paper.kind)
                built = (kind.build(item.paper, shared, audience) if kind.for_audience
                         else kind.build(item.paper, shared))
                context = {"paper": item.paper, "meeting": meeting, **built}
                entry.body = mark_safe(render_to_string(kind.template, context))  # noqa: S308
            except PaperUnavailable as problem:
                entry.problem = str(problem)
        entries.append(entry)
    return entries


def pack_context(meeting, audience, *, pack=None, for_pdf=False, shared=None, access=None):
    slug = meeting.partnership.slug
    if pack is None:
        web_address = reverse("pack_preview", args=[slug, meeting.pk])
    elif audience == Audience.PUBLIC:
        web_address = reverse("public_pack", args=[slug, meeting.pk, pack.number])
    else:
        web_address = reverse("pack_detail", args=[slug, meeting.pk, pack.number])
    return {
        "meeting": meeting,
        "partnership": meeting.partnership,
        "entries": pack_entries(meeting, audience, shared, access),
        "is_public": audience == Audience.PUBLIC,
        "pack": pack,
        "for_pdf": for_pdf,
        "web_address": settings.SITE_URL.rstrip("/") + web_address,
        "prepared_at": timezone.now(),
    }


def anchor_pages(document):
    """{anchor: the number of the page it falls on} in the laid-out document."""
    page_of = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    return page_of


def page_ranges(page_of, entries):
    """{anchor: (first page, last page)} of each paper."""
    return {entry.item.anchor: (page_of[entry.item.anchor], page_of[f"{entry.item.anchor}-end"])
            for entry in entries if entry.has_pages}


def upload_placements(page_of, entries):
    """(pack page, appendix, its page) for every page of every uploaded appendix."""
    return [(page_of[anchor], appendix, number)
            for entry in entries if entry.has_pages
            for appendix in entry.paper.appendices.all() if appendix.document
            for number, anchor in appendix.uploaded_pages]


def layout(html):
    """Lay out the pack's HTML as pages; nothing is fetched from outside the document."""
    stylesheet = CSS(string=PACK_STYLESHEET.read_text())
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).render(
        stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)


def render_pack(meeting, audience, *, pack=None, shared=None, on_progress=lambda message: None):
    """The pack as a PDF and as the web page's HTML, from one rendering."""
    context = pack_context(meeting, audience, pack=pack, for_pdf=True, shared=shared)
    on_progress("Laying out the pages")
    document = layout(render_to_string("boards/pack/pack.pdf.html", context))
    page_of = anchor_pages(document)
    ranges = page_ranges(page_of, context["entries"])
    for entry in context["entries"]:
        entry.pages = ranges.get(entry.item.anchor)
    on_progress(f"Writing {len(document.pages)} pages")
    pdf = lay_in_uploads(document.write_pdf(pdf_variant=PDF_VARIANT),
                         upload_placements(page_of, context["entries"]))
    html = render_to_string("boards/pack/_pack_body.html", {**context, "for_pdf": False})
    return RenderedPack(pdf=pdf, html=html, page_count=len(document.pages), page_ranges=ranges)
