"""The paper-kind contract: discovered kinds, their sources in the admin, and who may see them."""

import subprocess
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from trust_portal.boards.admin import PaperAdminForm
from trust_portal.boards.models import Paper
from trust_portal.boards.pack import Audience, pack_entries
from trust_portal.boards.publication import request_publication
from trust_portal.boards.registry import (
    MEMBERS,
    WRITTEN,
    PaperKind,
    SourceSpec,
    _registry,
    all_kinds,
    get_kind,
    only,
    register,
)
from trust_portal.boards.testing import add_paper
from trust_portal.core.models import Membership, Role


def pdf_pages(pdf_bytes):
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes,
                          capture_output=True, check=True).stdout.decode().split("\f")

SECRET = "Findings of the serious case review"


def test_every_app_s_papers_module_is_discovered():
    keys = {kind.key for kind in all_kinds()}
    assert {WRITTEN, "boards.minutes", "boards.action_log", "indicators.performance",
            "indicators.laa", "priorities.plan"} <= keys
    assert not get_kind(WRITTEN).is_generated


def test_a_source_spec_reads_a_paper_s_source_or_says_why_it_cannot():
    spec = SourceSpec(choices=lambda partnership: [], missing="its plan no longer exists.")
    assert spec.value(SimpleNamespace(source="12")) == 12
    for broken in ("", "twelve"):
        with pytest.raises(Exception, match="its plan no longer exists."):
            spec.value(SimpleNamespace(source=broken))


def test_the_admin_offers_a_written_paper_first_then_each_generated_kind_s_sources(world):
    form = PaperAdminForm(instance=world.paper)
    choices = form.fields["content"].choices
    assert choices[0] == (WRITTEN, "Written in the portal")
    assert form.initial["content"] == WRITTEN
    groups = dict(choices[1:])
    for kind in all_kinds():
        if kind.is_generated:
            assert groups[kind.name] == [
                (f"{kind.key}:{value}", f"{kind.name}: {label}")
                for value, label in kind.source.choices(world.north)]
    assert (f"indicators.performance:{world.period.pk}" in
            dict(groups["Performance report"]))
    assert f"priorities.plan:{world.plan.pk}" in dict(groups["Action plan progress"])
    assert PaperAdminForm().fields["content"].choices == [(WRITTEN, "Written in the portal")]


def test_the_admin_keeps_a_generated_paper_s_kind_and_source(world):
    item = add_paper(world, "priorities.plan", world.plan.pk)
    form = PaperAdminForm(instance=item.paper)
    assert form.initial["content"] == f"priorities.plan:{world.plan.pk}"
    data = {"partnership": world.north.pk, "content": f"indicators.laa:{world.period.pk}",
            "title": "LAA", "summary": "", "body": "", "recommendations": "", "contact": ""}
    form = PaperAdminForm(data, instance=item.paper)
    assert form.is_valid(), form.errors
    paper = form.save()
    assert (paper.kind, paper.source) == ("indicators.laa", str(world.period.pk))
    assert paper.is_generated


@pytest.fixture
def restricted_kinds():
    """A kind only safeguarding leads may see and one for members only, registered for the
    test alone."""
    kinds = [PaperKind(key="tests.review", name="Review", template="boards/papers/written.html",
                       build=lambda paper, shared: {"paper": SimpleNamespace(body=SECRET)},
                       readers=only(Role.SAFEGUARDING_LEAD)),
             PaperKind(key="tests.members", name="Members", template="boards/papers/written.html",
                       build=lambda paper, shared: {"paper": SimpleNamespace(
                           body="For members only")}, readers=MEMBERS)]
    for kind in kinds:
        register(kind)
    yield kinds
    for kind in kinds:
        _registry.pop(kind.key)
    with pytest.raises(Exception, match="offers no paper"):
        get_kind("tests.review")


def text_of(response):
    return " ".join(response.content.decode().split())


def test_a_paper_only_some_roles_may_see_is_withheld_everywhere_else(
        world, login, restricted_kinds):
    review = add_paper(world, "tests.review")
    Paper.objects.filter(pk=review.paper.pk).update(title="Review of child F")
    slug, meeting = world.north.slug, world.meeting
    for audience in Audience:
        [entry] = [e for e in pack_entries(meeting, audience) if e.item == review]
        assert entry.withheld and not entry.has_pages
        assert entry.withheld_note == "Withheld: for safeguarding leads only"

    preview = reverse("pack_preview", args=[slug, meeting.pk])
    page = text_of(login(world.users["administrator"]).get(preview))
    assert SECRET not in page and "Withheld: for safeguarding leads only" in page
    Membership.objects.create(user=world.users["administrator"], partnership=world.north,
                              role=Role.SAFEGUARDING_LEAD)
    assert SECRET in text_of(login(world.users["administrator"]).get(preview))

    meeting_page = text_of(login(world.users["board_member"]).get(meeting.get_absolute_url()))
    assert "Item 3" in meeting_page and "Review of child F" not in meeting_page
    assert "Withheld: for safeguarding leads only" in meeting_page
    lead = login(world.users["safeguarding_lead"])
    assert "Review of child F" in text_of(lead.get(meeting.get_absolute_url()))

    pack = request_publication(meeting, user=world.users["administrator"], reason="Review added")
    for audience in Audience:
        document = pack.documents.get(audience=audience)
        with document.pdf.open("rb") as pdf:
            printed = " ".join("".join(pdf_pages(pdf.read())).split())
        assert SECRET not in printed and SECRET not in document.html
        assert "Withheld: for safeguarding leads only" in printed
    member = login(world.users["board_member"])
    pdf = member.get(reverse("pack_pdf", args=[slug, meeting.pk, pack.number]))
    assert SECRET not in " ".join(pdf_pages(b"".join(pdf.streaming_content)))
    assert SECRET not in text_of(member.get(reverse("pack_detail",
                                                    args=[slug, meeting.pk, pack.number])))
    public = Client()
    public_page = public.get(reverse("public_pack", args=[slug, meeting.pk, pack.number]))
    assert public_page.status_code == 200 and SECRET not in text_of(public_page)
    public_pdf = public.get(reverse("public_pack_pdf", args=[slug, meeting.pk, pack.number]))
    assert SECRET not in " ".join(pdf_pages(b"".join(public_pdf.streaming_content)))


def test_a_paper_for_members_is_in_their_pack_and_not_the_public_one(
        world, login, restricted_kinds):
    add_paper(world, "tests.members")
    pack = request_publication(world.meeting, user=world.users["administrator"], reason="Added")
    members = pack.documents.get(audience=Audience.MEMBERS).html
    public = pack.documents.get(audience=Audience.PUBLIC).html
    assert "For members only" in members
    assert "For members only" not in public
    assert "Not for publication: for board members only" in public


def test_a_restricted_paper_cannot_be_edited_by_those_who_may_not_see_it(
        world, login, restricted_kinds):
    review = add_paper(world, "tests.review")
    url = reverse("paper_edit", args=[world.north.slug, review.paper.pk])
    assert login(world.users["administrator"]).get(url).status_code == 403


def test_two_kinds_cannot_share_a_key(restricted_kinds):
    with pytest.raises(ImproperlyConfigured):
        register(PaperKind(key="tests.review", name="Other", template="x.html",
                           build=lambda paper, shared: {}))
