"""The generated pack: page ranges, freezing on publication, public packs and new paper kinds."""

import hashlib
import io
import re
import subprocess
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    TextStringObject,
)
from weasyprint import HTML

from indicators.models import Actual
from trust_portal.boards.models import (
    ActionLogEntry,
    Appendix,
    Declaration,
    Meeting,
    Minute,
    Pack,
    Paper,
)
from trust_portal.boards.pack import Audience, pack_entries, render_pack
from trust_portal.boards.publication import PublicationRefused, request_publication
from trust_portal.boards.registry import PaperKind, _registry, register
from trust_portal.boards.testing import add_paper
from trust_portal.core.models import Person
from trust_portal.demo.loaders import load_partnership


def pdf_pages(pdf_bytes):
    """The text of each page of a PDF, as pdftotext lays it out."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes,
                          capture_output=True, check=True).stdout.decode()
    return text.split("\f")[:-1]


def running_header(page_text):
    return page_text.strip().splitlines()[0]


@pytest.fixture(scope="module")
def demo_pack(django_db_setup, django_db_blocker):
    """The Wirral meeting of 20 November 2009 rendered once, as its board members get it."""
    with django_db_blocker.unblock():
        load_partnership("wirral")
        meeting = Meeting.objects.get(partnership__slug="wirral", date="2009-11-20")
        rendered = render_pack(meeting, Audience.MEMBERS)
        items = list(meeting.items.select_related("paper"))
        Meeting.objects.filter(partnership__slug="wirral").delete()
        meeting.partnership.delete()
    return SimpleNamespace(rendered=rendered, pages=pdf_pages(rendered.pdf), items=items)


def test_every_agenda_page_range_is_where_the_paper_starts_and_ends(demo_pack):
    agenda = demo_pack.pages[1] + demo_pack.pages[2]
    printed = dict(re.findall(r"^\s*(\d+)\s+\d\d:\d\d\s+.*?\(Pages (\d+ - \d+)\)", agenda, re.M))
    papers = [item for item in demo_pack.items if item.paper]
    assert len(printed) == len(papers) == 10
    for item in papers:
        first, last = map(int, printed[str(item.number)].split(" - "))
        header = f"{item.number}. {item.paper.title}"
        pages = demo_pack.pages
        assert f"AGENDA ITEM {item.number}" in pages[first - 1]
        assert item.paper.title.split(":")[0][:40] in " ".join(pages[first - 1].split())
        assert all(header[:30] in running_header(pages[n - 1]) for n in range(first, last + 1))
        if last < len(pages):
            assert header[:30] not in running_header(pages[last])
        assert demo_pack.rendered.page_ranges[item.anchor] == (first, last)


def test_demo_pack_prints_its_board_date_and_page_numbers(demo_pack):
    last = len(demo_pack.pages)
    assert "Wirral Children's Trust Board, Friday 20 November 2009" in demo_pack.pages[5]
    assert f"Page {last} of {last}" in demo_pack.pages[-1]
    assert "Performance management 2009/10 Quarter 2" in " ".join(demo_pack.pages[1].split())


def test_demo_pack_is_a_tagged_pdf_with_title_language_and_an_outline_of_items(demo_pack):
    pdf = PdfReader(io.BytesIO(demo_pack.rendered.pdf))
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert pdf.metadata.title == "Wirral Children's Trust Board, 20 November 2009: meeting pack"
    outline = [entry.title for entry in pdf.outline]
    papers = [f"{item.number}. {item.paper.title}" for item in demo_pack.items if item.paper]
    assert outline == ["Cover", "Agenda", *papers]


def test_web_pack_shows_the_same_page_ranges_as_the_pdf(demo_pack):
    for item in demo_pack.items:
        if item.paper:
            first, last = demo_pack.rendered.page_ranges[item.anchor]
            assert f'href="#{item.anchor}">(Pages {first} - {last})' in demo_pack.rendered.html


def publish(meeting, user, reason=""):
    pack = request_publication(meeting, user=user, reason=reason)
    pack.refresh_from_db()
    return pack


def stored_pdf(pack, audience=Audience.MEMBERS):
    document = pack.documents.get(audience=audience)
    with document.pdf.open("rb") as pdf:
        return document, pdf.read()


def test_a_published_pack_does_not_change_when_its_data_does(world, login):
    world.meeting.packs.all().delete()
    item = add_paper(world, "indicators.performance", world.period.pk)
    pack = publish(world.meeting, world.users["administrator"])
    assert pack.status == Pack.Status.PUBLISHED
    document, before = stored_pdf(pack)
    assert document.sha256 == hashlib.sha256(before).hexdigest()
    paper_page = next(page for page in pdf_pages(before)
                      if f"AGENDA ITEM {item.number}" in page)
    assert "5.3%" in " ".join(paper_page.split())

    Actual.objects.filter(indicator=world.indicator).update(value="9.9")
    client = login(world.users["board_member"])
    response = client.get(reverse("pack_pdf", args=[world.north.slug, world.meeting.pk, 1]))
    downloaded = b"".join(response.streaming_content)
    assert downloaded == before
    assert response["ETag"] == f'"{document.sha256}"'
    assert "9.9" not in client.get(reverse("pack_detail", args=[
        world.north.slug, world.meeting.pk, 1])).content.decode()


def test_publishing_again_needs_a_reason_and_keeps_earlier_versions(world, login):
    admin = world.users["administrator"]
    with pytest.raises(PublicationRefused):
        request_publication(world.meeting, user=admin, reason="  ")
    second = publish(world.meeting, admin, "Item 2 paper corrected")
    assert second.number == 2 and second.reason == "Item 2 paper corrected"
    client = login(world.users["board_member"])
    for number in (1, 2):
        url = reverse("pack_pdf", args=[world.north.slug, world.meeting.pk, number])
        assert client.get(url).status_code == 200
    page = client.get(reverse("pack_detail", args=[world.north.slug, world.meeting.pk, 2]))
    assert "Item 2 paper corrected" in page.content.decode()
    assert "version 1" in page.content.decode()
    public = Client().get(reverse("public_pack", args=[world.north.slug, world.meeting.pk, 2]))
    earlier = reverse("public_pack", args=[world.north.slug, world.meeting.pk, 1])
    assert f'href="{earlier}">version 1</a>' in public.content.decode()


def test_republishing_from_the_meeting_page_without_a_reason_explains_beside_the_field(
        world, login):
    client = login(world.users["administrator"])
    response = client.post(reverse("pack_publish", args=[world.north.slug, world.meeting.pk]),
                           {"reason": ""})
    assert response.status_code == 400
    assert "Say why the pack is being published again" in response.content.decode()
    assert world.meeting.packs.count() == 1


def test_board_members_are_emailed_a_link_when_a_pack_is_published(world):
    world.users["board_member"].email = "member@north.example"
    world.users["board_member"].save()
    publish(world.meeting, world.users["administrator"], "Corrected")
    [message] = mail.outbox
    assert message.to == ["member@north.example"]
    assert "Revised pack" in message.subject
    assert f"/{world.north.slug}/meetings/{world.meeting.pk}/packs/2/" in message.body


def test_exempt_items_are_left_out_of_the_public_pack_only(world, client):
    exempt = Paper.objects.create(partnership=world.north, title="Serious case review: child F",
                                  body="Details of the review")
    world.meeting.items.create(position=3, number=3, title="Serious case review",
                               paper=exempt, is_exempt=True)
    pack = publish(world.meeting, world.users["administrator"], "Review added")
    _, members = stored_pdf(pack, Audience.MEMBERS)
    _, public = stored_pdf(pack, Audience.PUBLIC)
    assert "Details of the review" in "".join(pdf_pages(members))
    assert "Details of the review" not in "".join(pdf_pages(public))
    assert "Exempt information: not for publication" in " ".join("".join(pdf_pages(public)).split())
    page = client.get(reverse("public_pack", args=[world.north.slug, world.meeting.pk, 2]))
    assert page.status_code == 200
    assert "Details of the review" not in page.content.decode()


def test_private_meetings_have_no_public_papers(world, client):
    Meeting.objects.filter(pk=world.meeting.pk).update(is_public=False)
    url = reverse("public_pack", args=[world.north.slug, world.meeting.pk, 1])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("public_meetings", args=[world.north.slug]))
    assert "20 November 2009" not in listing.content.decode()


@pytest.mark.parametrize("status", [Pack.Status.QUEUED, Pack.Status.RENDERING,
                                    Pack.Status.FAILED])
def test_a_public_meeting_is_listed_only_once_its_pack_is_published(world, client, status):
    world.meeting.packs.update(status=status)
    listing = client.get(reverse("public_meetings", args=[world.north.slug]))
    assert listing.status_code == 200
    assert "20 November 2009" not in listing.content.decode()


def test_a_failed_rendering_is_shown_and_can_be_tried_again(world, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("trust_portal.boards.publication.render_pack", broken)
    failed = publish(world.meeting, world.users["administrator"], "Again")
    assert failed.status == Pack.Status.FAILED
    assert "Try publishing again" in failed.progress
    assert not failed.documents.exists()
    monkeypatch.undo()
    assert publish(world.meeting, world.users["administrator"], "Again").status == "published"


def test_the_progress_of_a_pack_is_reported(world, login):
    Pack.objects.create(meeting=world.meeting, number=2, status=Pack.Status.RENDERING,
                        progress="Members' pack: laying out the pages")
    client = login(world.users["board_member"])
    page = client.get(reverse("pack_detail", args=[world.north.slug, world.meeting.pk, 2]))
    assert "laying out the pages" in page.content.decode()
    progress = client.get(reverse("pack_progress", args=[world.north.slug, world.meeting.pk, 2]))
    assert progress.json() == {"status": "rendering", "status_label": "Rendering",
                               "progress": "Members' pack: laying out the pages"}


def test_a_new_paper_kind_reaches_the_pack_without_changing_it(world):
    kind = PaperKind(key="tests.greeting", name="Greeting", template="boards/papers/written.html",
                     build=lambda paper, shared: {
                         "paper": SimpleNamespace(body="Hello from a new kind")})
    register(kind)
    try:
        with pytest.raises(ImproperlyConfigured):
            register(PaperKind(key="tests.greeting", name="Other", template="x.html",
                               build=lambda paper, shared: {}))
        add_paper(world, "tests.greeting")
        rendered = render_pack(world.meeting, Audience.MEMBERS)
        assert "Hello from a new kind" in "".join(pdf_pages(rendered.pdf))
    finally:
        _registry.pop("tests.greeting")


def test_a_paper_whose_source_is_gone_says_so_instead_of_failing(world, login):
    add_paper(world, "indicators.performance", "999999")
    add_paper(world, "retired.kind")
    page = login(world.users["administrator"]).get(reverse("pack_preview",
                                               args=[world.north.slug, world.meeting.pk]))
    text = page.content.decode()
    assert "This paper could not be built: its reporting period no longer exists." in text
    assert "offers no paper of the kind" in text


def test_hostile_text_in_papers_is_shown_as_text(world, login):
    hostile = '<script>alert("x")</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))'
    Paper.objects.filter(pk=world.paper.pk).update(body=hostile, summary=hostile,
                                                   recommendations=hostile, title=hostile)
    page = login(world.users["administrator"]).get(reverse("pack_preview",
                                               args=[world.north.slug, world.meeting.pk]))
    text = page.content.decode()
    assert "<script>alert" not in text and "<img src=x" not in text
    assert 'href="javascript:' not in text
    assert "&lt;script&gt;alert" in text
    rendered = render_pack(world.meeting, Audience.MEMBERS)
    assert '<script>alert("x")</script>' in " ".join("".join(pdf_pages(rendered.pdf)).split())


def uploaded_pdf(*texts):
    html = "".join(f'<p style="break-before: page">{text}</p>' for text in texts)
    return HTML(string=html).write_pdf()


def test_an_uploaded_pdf_appendix_is_laid_into_the_pack_page_by_page(world, login):
    appendix = Appendix(paper=world.paper, position=1, title="Contract prices",
                        document=SimpleUploadedFile("prices.pdf", uploaded_pdf(
                            "Uploaded page one", "Uploaded page two")))
    appendix.full_clean()
    appendix.save()
    assert appendix.page_count == 2
    rendered = render_pack(world.meeting, Audience.MEMBERS)
    pages = pdf_pages(rendered.pdf)
    first, last = rendered.page_ranges["item-2"]
    one = next(n for n, page in enumerate(pages, 1) if "Uploaded page one" in page)
    two = next(n for n, page in enumerate(pages, 1) if "Uploaded page two" in page)
    assert first < one < two == last == len(pages)
    assert "Appendix 1: Contract prices" in pages[one - 1]
    assert "2. Youth services contract" in running_header(pages[two - 1])
    assert f"Page {two} of {two}" in pages[two - 1]
    assert PdfReader(io.BytesIO(rendered.pdf)).trailer["/Root"]["/Lang"] == "en-GB"
    assert "A PDF of 2 pages, included in the PDF of this pack." in rendered.html


@pytest.mark.parametrize("content, problem", [
    (b"not a pdf at all", "not a PDF that can be read"),
    (b"%PDF-1.7 truncated", "not a PDF that can be read"),
])
def test_an_upload_that_is_not_a_readable_pdf_is_refused_beside_the_field(world, content,
                                                                          problem):
    appendix = Appendix(paper=world.paper, position=1, title="Prices",
                        document=SimpleUploadedFile("prices.pdf", content))
    with pytest.raises(ValidationError) as refused:
        appendix.full_clean()
    assert problem in " ".join(refused.value.message_dict["document"])


def exempt_business_minuted_at(world):
    """An exempt item of the world's meeting, minuted with an action, and a public meeting
    after it whose pack presents those minutes and the open actions."""
    exempt = world.meeting.items.create(position=3, number=3, title="Serious case review",
                                        is_exempt=True)
    Minute.objects.create(item=exempt, text="Child F was placed out of area.",
                          resolution="noted")
    ActionLogEntry.objects.create(raised_at=exempt, description="Find child F a local placement")
    Declaration.objects.create(meeting=world.meeting, item=exempt, interest="Foster carer of F",
                               person=Person.objects.get(name="Lena Lead"))
    following = Meeting.objects.create(partnership=world.north, date="2010-01-15",
                                       start_time="09:00", is_public=True)
    for position, kind, source in [(1, "boards.minutes", world.meeting.pk),
                                   (2, "boards.action_log", "open")]:
        paper = Paper.objects.create(partnership=world.north, kind=kind, source=str(source),
                                     title=f"{kind} paper")
        following.items.create(position=position, number=position, title=paper.title,
                               paper=paper)
    return following


EXEMPT_WORDS = ["Child F was placed", "Find child F", "Foster carer of F"]


def test_exempt_minutes_and_actions_never_reach_the_public_pack(world, client):
    following = exempt_business_minuted_at(world)
    pack = publish(following, world.users["administrator"])
    assert pack.status == Pack.Status.PUBLISHED
    public_document, public_pdf = stored_pdf(pack, Audience.PUBLIC)
    members_document, members_pdf = stored_pdf(pack, Audience.MEMBERS)
    public_text = " ".join("".join(pdf_pages(public_pdf)).split())
    members_text = " ".join("".join(pdf_pages(members_pdf)).split())
    page = client.get(reverse("public_pack", args=[world.north.slug, following.pk, 1]))
    for words in EXEMPT_WORDS:
        assert words in members_text and words in members_document.html
        assert words not in public_text and words not in public_document.html
        assert words not in page.content.decode()
    assert "The contract was discussed." in public_text  # the open business is still minuted
    assert ("2. Youth services contract The contract was discussed. Resolved: The Board endorsed"
            " the report. Action: Report back on the contract (Cara Commissioner) 3. Serious "
            "case review Exempt information: the minute of this item is not for publication."
            ) in public_text
    assert "Report back on the contract" in public_text


@pytest.mark.parametrize("order", [list(Audience), list(reversed(Audience))])
def test_papers_built_for_one_audience_never_change_what_the_other_reads(world, order):
    following = exempt_business_minuted_at(world)
    shared, bodies = {}, {}
    for audience in order:
        bodies[audience] = "".join(entry.body for entry in
                                   pack_entries(following, audience, shared))
    for words in EXEMPT_WORDS:
        assert words in bodies[Audience.MEMBERS]
        assert words not in bodies[Audience.PUBLIC]


def test_the_reason_for_publishing_again_is_for_the_board_only(world, client, login):
    reason = "Item 2 figures corrected after the briefing of the chair"
    pack = publish(world.meeting, world.users["administrator"], reason)
    public_document, public_pdf = stored_pdf(pack, Audience.PUBLIC)
    members_document, members_pdf = stored_pdf(pack, Audience.MEMBERS)
    assert reason in " ".join("".join(pdf_pages(members_pdf)).split())
    assert reason not in " ".join("".join(pdf_pages(public_pdf)).split())
    assert reason not in public_document.html
    public_page = client.get(reverse("public_pack", args=[world.north.slug, world.meeting.pk, 2]))
    assert public_page.status_code == 200 and reason not in public_page.content.decode()
    listing = client.get(reverse("public_meetings", args=[world.north.slug]))
    assert reason not in listing.content.decode()
    members_page = login(world.users["board_member"]).get(
        reverse("pack_detail", args=[world.north.slug, world.meeting.pk, 2]))
    assert reason in members_page.content.decode()


ACTIVE_KEYS = {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/AcroForm", "/XFA"}


def active_content(pdf_bytes):
    """Every key or name in the PDF that runs or submits something, walking all its objects."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    found, seen, todo = set(), set(), [reader.trailer]
    while todo:
        node = todo.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            found |= {key for key in node if key in ACTIVE_KEYS}
            found |= {value for value in node.values()
                      if isinstance(value, NameObject) and value in ACTIVE_KEYS}
            todo.extend(node.values())
        elif isinstance(node, ArrayObject):
            todo.extend(node)
    return found


def hostile_pdf():
    """A one-page PDF that runs JavaScript when opened, when its page is shown, when its link
    is clicked and from a form field."""
    writer = PdfWriter(clone_from=io.BytesIO(uploaded_pdf("Uploaded hostile page")))

    def script(code):
        return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                 NameObject("/JS"): TextStringObject(code)})

    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject([
            TextStringObject("on open"), writer._add_object(script("app.alert('names');"))])})})
    writer._root_object[NameObject("/OpenAction")] = script("app.alert('open');")
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): script("app.alert('page');")})
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(10), FloatObject(10), FloatObject(90),
                                          FloatObject(40)]),
        NameObject("/A"): script("app.alert('link');")}))
    widget = writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("name"),
        NameObject("/Rect"): ArrayObject([FloatObject(10), FloatObject(50), FloatObject(90),
                                          FloatObject(80)]),
        NameObject("/AA"): DictionaryObject({NameObject("/K"): script("app.alert('key');")})}))
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([widget])})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_scripts_and_actions_of_an_uploaded_pdf_never_reach_the_pack(world):
    upload = hostile_pdf()
    assert {"/JavaScript", "/JS", "/OpenAction", "/AA", "/AcroForm"} <= active_content(upload)
    appendix = Appendix(paper=world.paper, position=1, title="Prices",
                        document=SimpleUploadedFile("prices.pdf", upload))
    appendix.full_clean()
    appendix.save()
    with appendix.document.open("rb") as stored:
        assert active_content(stored.read()) == set()
    pack = publish(world.meeting, world.users["administrator"], "Prices added")
    assert pack.status == Pack.Status.PUBLISHED
    for audience in Audience:
        _, pdf = stored_pdf(pack, audience)
        assert active_content(pdf) == set()
        assert b"/JavaScript" not in pdf and b"app.alert" not in pdf
    _, members = stored_pdf(pack, Audience.MEMBERS)
    assert "Uploaded hostile page" in "".join(pdf_pages(members))


def test_a_hostile_pdf_stored_before_uploads_were_cleaned_is_cleaned_in_the_pack(world):
    appendix = Appendix.objects.create(paper=world.paper, position=1, title="Prices",
                                       page_count=1, document=ContentFile(hostile_pdf(),
                                                                          name="old.pdf"))
    assert appendix.page_count == 1
    rendered = render_pack(world.meeting, Audience.MEMBERS)
    assert active_content(rendered.pdf) == set()
    assert "Uploaded hostile page" in "".join(pdf_pages(rendered.pdf))


def pdf_with_page_size(width, height):
    writer = PdfWriter()
    page = writer.add_blank_page(width=100, height=100)
    page.mediabox = RectangleObject([0, 0, width, height])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.mark.parametrize("width, height", [(0, 842), (595, 0), (0, 0), (-595, 842),
                                           (1_000_000, 842), (0.01, 0.01)])
def test_an_upload_with_pages_of_no_or_absurd_size_is_refused_beside_the_field(world, width,
                                                                               height):
    appendix = Appendix(paper=world.paper, position=1, title="Prices",
                        document=SimpleUploadedFile("prices.pdf",
                                                    pdf_with_page_size(width, height)))
    with pytest.raises(ValidationError) as refused:
        appendix.full_clean()
    assert "Page 1 of the appendix" in " ".join(refused.value.message_dict["document"])


def test_a_page_of_no_size_stored_before_the_check_does_not_stop_publishing(world):
    Appendix.objects.create(paper=world.paper, position=1, title="Prices", page_count=1,
                            document=ContentFile(pdf_with_page_size(0, 0), name="old.pdf"))
    assert publish(world.meeting, world.users["administrator"], "Again").status == "published"


def test_a_form_upload_stores_the_cleaned_pdf(world):
    AppendixForm = modelform_factory(Appendix, fields=["paper", "position", "title", "document"])
    form = AppendixForm({"paper": world.paper.pk, "position": 1, "title": "Prices"},
                        {"document": SimpleUploadedFile("prices.pdf", hostile_pdf())})
    assert form.is_valid(), form.errors
    appendix = form.save()
    assert appendix.page_count == 1 and appendix.document.name.endswith(".pdf")
    with appendix.document.open("rb") as stored:
        assert active_content(stored.read()) == set()
