"""Publishing a meeting's pack: freeze it as files, then tell the board.

`request_publication` runs in the web request and queues `publish_pack`, the background task
that renders and stores the documents; the request returns at once and the pack's page follows
its progress. Once stored, a pack is only ever read, never rendered again.

A render whose worker is killed or times out makes no more progress: once it has been silent
for PACK_RENDER_STALL_SECONDS it counts as failed (`give_up_stalled`, run wherever a pack is
looked at), the board may publish again, and should the old render wake up it stores nothing.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from trust_portal.core.models import Membership, Role

from .models import Meeting, Pack, PackDocument, PackQuerySet
from .pack import render_pack

logger = logging.getLogger("trust_portal.boards")

STALLED = ("Rendering stopped without finishing (the worker was stopped or timed out). "
           "Publish the pack again.")


class PublicationRefused(Exception):
    pass


class RenderAbandoned(Exception):
    """The pack stopped waiting for this render: it was marked failed in the meantime."""


def give_up_stalled(packs: PackQuerySet) -> int:
    """Mark failed the packs of `packs` whose rendering has stalled; returns how many."""
    if not packs.stalled().exists():  # a read, so that looking takes no write lock
        return 0
    stalled = packs.stalled().update(status=Pack.Status.FAILED, progress=STALLED,
                                     progress_at=timezone.now())
    if stalled:
        logger.warning("Gave up %d stalled pack rendering(s)", stalled)
    return stalled


def request_publication(meeting: Meeting, *, user: User | None, reason: str = "",
                        background: bool = True) -> Pack:
    """Queue a new version of the meeting's pack, requested by `user` (None: the demo loader);
    the first needs no reason, later ones do.

    With background=False (scripts, the demo loader) the pack is rendered before this returns,
    whichever task backend is configured."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        latest = meeting.packs.aggregate(latest=Max("number"))["latest"] or 0
        if latest and not reason.strip():
            raise PublicationRefused("Say why the pack is being published again.")
        give_up_stalled(meeting.packs.all())
        if meeting.packs.unfinished().exists():
            raise PublicationRefused("This pack is already being published.")
        pack = Pack.objects.create(meeting=meeting, number=latest + 1, reason=reason.strip(),
                                   requested_by=user)
    if background:
        publish_pack.enqueue(pack.pk)
    else:
        publish_pack.call(pack.pk)
    return pack


def _set_progress(pack: Pack, progress: str) -> None:
    """Record progress, unless the pack has stopped waiting for this render."""
    pack.status, pack.progress = Pack.Status.RENDERING, progress
    if not Pack.objects.unfinished().filter(pk=pack.pk).update(
            status=Pack.Status.RENDERING, progress=progress, progress_at=timezone.now()):
        raise RenderAbandoned(f"{pack} was given up before its rendering finished")


@task()
def publish_pack(pack_id: int) -> None:
    """Render the members' and the public pack, store them with checksums, notify the board."""
    pack = Pack.objects.select_related("meeting__partnership").get(pk=pack_id)
    meeting = pack.meeting
    try:
        documents = []
        shared: dict[str, Any] = {}  # the papers' data, read once for both audiences
        for audience in PackDocument.Audience:
            def progress(message: str, audience: PackDocument.Audience = audience) -> None:
                _set_progress(pack, f"{audience.label}: {message.lower()}")
            progress("Gathering the papers")
            rendered = render_pack(meeting, audience, pack=pack, shared=shared,
                                   on_progress=progress)
            documents.append(PackDocument(
                pack=pack, audience=audience, sha256=rendered.sha256,
                page_count=rendered.page_count, html=rendered.html,
                pdf=ContentFile(rendered.pdf, name=f"{meeting.partnership.slug}-"
                                f"{meeting.date:%Y-%m-%d}-v{pack.number}-{audience}.pdf")))
        with transaction.atomic():
            if not Pack.objects.unfinished().select_for_update().filter(pk=pack.pk).exists():
                raise RenderAbandoned(f"{pack} was given up before its rendering finished")
            for document in documents:
                document.save()
            pack.status, pack.progress = Pack.Status.PUBLISHED, ""
            pack.published_at = timezone.now()
            pack.save(update_fields=["status", "progress", "published_at"])
            if meeting.status == Meeting.Status.DRAFT:
                Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    except RenderAbandoned:
        logger.warning("Rendering %s finished after the pack was given up; nothing stored", pack)
        return
    except Exception:
        logger.exception("Publishing %s failed", pack)
        Pack.objects.unfinished().filter(pk=pack.pk).update(
            status=Pack.Status.FAILED, progress_at=timezone.now(),
            progress="Rendering failed; the error has been logged. Try publishing again.")
        raise
    notify_board(pack)


def notify_board(pack: Pack) -> None:
    """Email every board member a link to the newly published pack."""
    meeting = pack.meeting
    members = Membership.objects.filter(partnership=meeting.partnership, role=Role.BOARD_MEMBER,
                                        user__is_active=True).exclude(user__email="")
    link = settings.SITE_URL.rstrip("/") + reverse(
        "pack_detail", args=[meeting.partnership.slug, meeting.pk, pack.number])
    subject = (f"{'Revised pack' if pack.number > 1 else 'Meeting pack'}: "
               f"{meeting.partnership.board_name}, {meeting.date:%-d %B %Y}")
    body = render_to_string("boards/email/pack_published.txt",
                            {"meeting": meeting, "pack": pack, "link": link})
    messages = [(subject, body, None, [email])
                for email in members.values_list("user__email", flat=True).distinct()]
    sent = send_mass_mail(messages) if messages else 0
    logger.info("Told %d board members of %s", sent, pack)
