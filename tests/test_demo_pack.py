"""The demo ships the Wirral board's 20 November 2009 pack published, as the real publishing
code renders it, so a board member and a public visitor have something to read."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse

from trust_portal.boards.models import Meeting, Pack, PackDocument


def test_demo_publishes_the_november_pack_for_members_and_the_public(db, client):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(partnership__slug="wirral", date=datetime.date(2009, 11, 20))
    pack = meeting.packs.get()
    assert pack.status == Pack.Status.PUBLISHED and pack.published_at
    documents = {document.audience: document for document in pack.documents.all()}
    assert set(documents) == {PackDocument.Audience.MEMBERS, PackDocument.Audience.PUBLIC}
    for document in documents.values():
        assert document.page_count > 1
        assert document.pdf.read(5) == b"%PDF-"
    # The board published every paper of this pack openly, its safeguarding update included.
    assert not meeting.items.filter(is_exempt=True).exists()
    safeguarding = meeting.items.get(title__startswith="Safeguarding update").paper
    assert safeguarding.title in documents["public"].html
    assert meeting in Meeting.objects.open_to_the_public()
    page = client.get(reverse("public_pack", args=["wirral", meeting.pk, pack.number]))
    assert page.status_code == 200
    assert safeguarding.title in page.content.decode()
    # The September meeting, already held before the portal, has no pack.
    assert not Pack.objects.filter(meeting__date=datetime.date(2009, 9, 11)).exists()


def test_packs_can_be_left_out_for_speed(db):
    call_command("load_demo", "--without-packs", stdout=io.StringIO())
    assert not Pack.objects.exists()
