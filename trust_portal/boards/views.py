from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from trust_portal.core.access import partnership_view
from trust_portal.core.concurrency import StaleEdit, at_version
from trust_portal.core.models import Partnership

from .filters import ActionLogFilter, DecisionFilter
from .forms import PaperForm, PublishForm
from .minutes import minutes_of
from .models import ActionLogEntry, AgendaItem, Meeting, Minute, Pack, Paper
from .pack import Audience, pack_context
from .publication import PublicationRefused, give_up_stalled, request_publication
from .services import MinutesRefused, approve_minutes, can_edit_paper, save_paper
from .tables import ActionLogTable, DecisionTable

DECISIONS_PER_PAGE = 50


def _meeting(access, pk):
    return get_object_or_404(Meeting.objects.select_related("partnership"),
                             partnership=access.partnership, pk=pk)


@require_GET
@partnership_view
def meeting_list(request, access):
    meetings = Meeting.objects.for_partnership(access.partnership).select_related(
        "partnership").with_summary()
    return render(request, "boards/meeting_list.html", {"meetings": meetings})


def _meeting_page(request, access, meeting, publish_form=None, status=200):
    give_up_stalled(meeting.packs.all())
    items = list(meeting.items.select_related("presenter", "paper", "minute"))
    for item in items:  # a paper its kind keeps from this reader shows only why
        item.paper_withheld = item.paper and not item.paper.may_be_read(access=access)
    packs = list(meeting.packs.with_documents())
    return render(request, "boards/meeting_detail.html", {
        "meeting": meeting, "items": items, "packs": packs,
        "publish_form": publish_form or PublishForm(needs_reason=bool(packs)),
        "next_meeting": meeting.next_meeting(),
        "editable_papers": {item.paper_id for item in items
                            if item.paper and can_edit_paper(access, item.paper)},
    }, status=status)


@require_GET
@partnership_view
def meeting_detail(request, access, pk):
    return _meeting_page(request, access, _meeting(access, pk))


@require_GET
@partnership_view
def meeting_minutes(request, access, pk):
    meeting = _meeting(access, pk)
    return render(request, "boards/meeting_minutes.html",
                  {"meeting": meeting, **minutes_of(meeting)})


@require_POST
@partnership_view
def minutes_approve(request, access, pk):
    access.require_administrator()
    meeting = _meeting(access, pk)
    try:
        approve_minutes(meeting=meeting, user=request.user)
    except MinutesRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Minutes approved and locked")
    return redirect(meeting)


@require_GET
@partnership_view
def pack_preview(request, access, pk):
    """The pack as it would be published now, from live data; for the clerk only. Being live,
    it shows the clerk the papers of restricted kinds their own roles admit (see Readers)."""
    access.require_administrator()
    meeting = _meeting(access, pk)
    return render(request, "boards/pack_preview.html", {
        **pack_context(meeting, Audience.MEMBERS, access=access)})


@require_POST
@partnership_view
def pack_publish(request, access, pk):
    access.require_administrator()
    meeting = _meeting(access, pk)
    form = PublishForm(request.POST, needs_reason=meeting.packs.exists())
    if form.is_valid():
        try:
            pack = request_publication(meeting, user=request.user,
                                       reason=form.cleaned_data["reason"])
        except PublicationRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            return redirect("pack_detail", access.partnership.slug, meeting.pk, pack.number)
    return _meeting_page(request, access, meeting, publish_form=form, status=400)


def _pack(partnership, meeting_pk, number):
    packs = Pack.objects.filter(meeting__partnership=partnership, meeting__pk=meeting_pk,
                                number=number)
    give_up_stalled(packs)
    return get_object_or_404(packs.select_related("meeting__partnership"))


def _document(pack, audience):
    document = pack.documents.filter(audience=audience).first()
    if document is None:
        raise Http404("This pack has not finished publishing")
    return document


@require_GET
@partnership_view
def pack_detail(request, access, pk, number):
    pack = _pack(access.partnership, pk, number)
    document = (pack.documents.filter(audience=Audience.MEMBERS).first()
                if pack.status == Pack.Status.PUBLISHED else None)
    return render(request, "boards/pack_detail.html", {
        "meeting": pack.meeting, "pack": pack, "document": document,
        "versions": pack.meeting.packs.published(),
    })


@require_GET
@partnership_view
def pack_progress(request, access, pk, number):
    pack = _pack(access.partnership, pk, number)
    return JsonResponse({"status": pack.status, "status_label": pack.get_status_display(),
                         "progress": pack.progress})


def _pdf_response(document):
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf",
                        filename=document.pdf.name.rsplit("/", 1)[-1],
                        headers={"ETag": f'"{document.sha256}"',
                                 "Cache-Control": "private, max-age=3600"})


@require_GET
@partnership_view
def pack_pdf(request, access, pk, number):
    pack = _pack(access.partnership, pk, number)
    return _pdf_response(_document(pack, Audience.MEMBERS))


@require_http_methods(["GET", "POST"])
@partnership_view
def paper_edit(request, access, pk):
    paper = get_object_or_404(Paper, partnership=access.partnership, pk=pk)
    if not can_edit_paper(access, paper):
        raise PermissionDenied("A paper is edited by its author, if they write papers, and by "
                               "administrators.")
    item = AgendaItem.objects.filter(paper=paper).select_related("meeting__partnership").first()
    meeting = item.meeting if item else None
    conflict = None
    form = PaperForm(request.POST or None, instance=paper)
    if request.method == "POST" and form.is_valid():
        try:
            save_paper(form=form, expected_version=form.cleaned_data["version"],
                       user=request.user)
        except StaleEdit as stale:
            conflict = stale.current
            form = at_version(PaperForm, request.POST, conflict.version, instance=paper)
        else:
            messages.success(request, "Paper saved")
            return redirect(meeting or reverse("meeting_list", args=[access.partnership.slug]))
    return render(request, "boards/paper_edit.html", {
        "paper": paper, "meeting": meeting, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@require_GET
@partnership_view
def decisions(request, access):
    minutes = Minute.objects.decisions().filter(item__meeting__partnership=access.partnership)
    decision_filter = DecisionFilter(request.GET, queryset=minutes)
    table = DecisionTable(decision_filter.qs)
    RequestConfig(request, paginate={"per_page": DECISIONS_PER_PAGE}).configure(table)
    return render(request, "boards/decisions.html",
                  {"filter": decision_filter, "table": table})


@require_GET
@partnership_view
def action_log(request, access):
    actions = ActionLogEntry.objects.with_context().filter(
        raised_at__meeting__partnership=access.partnership)
    action_filter = ActionLogFilter(request.GET or {"status": ActionLogEntry.Status.OPEN},
                                    queryset=actions, partnership=access.partnership)
    table = ActionLogTable(action_filter.qs)
    RequestConfig(request, paginate={"per_page": DECISIONS_PER_PAGE}).configure(table)
    return render(request, "boards/action_log.html",
                  {"filter": action_filter, "table": table})


# The council's published papers: open to anyone, without a login.

def _public_partnership(slug):
    return get_object_or_404(Partnership, slug=slug)


@login_not_required
@require_GET
def public_meetings(request, slug):
    partnership = _public_partnership(slug)
    meetings = (Meeting.objects.for_partnership(partnership).open_to_the_public()
                .with_published_packs())
    return render(request, "boards/public_meetings.html",
                  {"partnership": partnership, "meetings": meetings})


def _public_pack(slug, pk, number):
    pack = _pack(_public_partnership(slug), pk, number)
    if not pack.meeting.is_public or pack.status != Pack.Status.PUBLISHED:
        raise Http404("This meeting's papers are not public")
    return pack


@login_not_required
@require_GET
def public_pack(request, slug, pk, number):
    pack = _public_pack(slug, pk, number)
    return render(request, "boards/public_pack.html", {
        "partnership": pack.meeting.partnership, "meeting": pack.meeting, "pack": pack,
        "document": _document(pack, Audience.PUBLIC), "versions": pack.meeting.packs.published(),
    })


@login_not_required
@require_GET
def public_pack_pdf(request, slug, pk, number):
    return _pdf_response(_document(_public_pack(slug, pk, number), Audience.PUBLIC))

