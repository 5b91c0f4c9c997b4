"""Report card pages: a card, its edit and publication, its versions, and a plan's scorecard
and its PDF. Every member reads; a priority's leads, sponsors and administrators write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from priorities.models import Plan
from trust_portal.boards.pack import PDF_VARIANT, layout
from trust_portal.core.access import partnership_view
from trust_portal.core.concurrency import StaleEdit, at_version
from trust_portal.core.history import describe_changes

from .card_forms import ReportCardForm
from .card_reads import card_document, compare_versions, scorecard
from .card_services import PublicationRefused, can_write_card, publish_card, save_card
from .cards import PublishedCard, ReportCard
from .models import TolerancePolicy


def _card(access, pk):
    return get_object_or_404(ReportCard.objects.for_partnership(access.partnership)
                             .with_figures(), pk=pk)


def _document(card):
    return card_document(card, TolerancePolicy.bands_for(card.priority.outcome.plan.partnership))


@require_GET
@partnership_view
def report_card(request, access, pk):
    card = _card(access, pk)
    return render(request, "indicators/cards/card.html", {
        "card": card, "document": _document(card),
        "can_write": can_write_card(access, card.priority),
        "changes": describe_changes(card.history.select_related("history_user"), ReportCard,
                                    display=_shortened),
    })


def _shortened(field_name, value):
    """A section's text in the card's history, cut short: the versions show it whole."""
    return Truncator(value).chars(200) if isinstance(value, str) else value


@require_GET
@partnership_view
def report_card_pdf(request, access, pk):
    card = _card(access, pk)
    return _pdf(f"{access.partnership.slug}-report-card-{card.pk}", card.title,
                [_document(card)], access)


@require_http_methods(["GET", "POST"])
@partnership_view
def report_card_edit(request, access, pk):
    card = _card(access, pk)
    if not can_write_card(access, card.priority):
        raise PermissionDenied
    conflict = None
    if request.method == "POST":
        form = ReportCardForm(request.POST, partnership=access.partnership)
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_card(card=card, expected_version=data["version"], user=request.user,
                          title=data["title"], period=data["period"], sections=form.sections())
            except ValidationError as invalid:  # e.g. a title another card of it has
                form.add_error(None, invalid.messages)
            except StaleEdit as stale:
                conflict = stale.current
                form = at_version(ReportCardForm, request.POST, conflict.version,
                                  partnership=access.partnership)
            else:
                messages.success(request, "Report card saved as a draft")
                return redirect(card)
    else:
        form = ReportCardForm.for_card(card, access.partnership)
    return render(request, "indicators/cards/card_edit.html", {
        "card": card, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@require_POST
@partnership_view
def report_card_publish(request, access, pk):
    card = _card(access, pk)
    if not can_write_card(access, card.priority):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, "The card could not be published: reload it and try again.")
        return redirect(card)
    try:
        published = publish_card(card=card, expected_version=version, user=request.user)
    except StaleEdit:
        messages.error(request, "The card was changed while you were reading it. Read it "
                                "again, then publish.")
        return redirect(card)
    except PublicationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(card)
    messages.success(request, f"Version {published.number} published")
    return redirect("report_card_version", access.partnership.slug, card.pk, published.number)


@require_GET
@partnership_view
def report_card_versions(request, access, pk):
    card = get_object_or_404(ReportCard.objects.for_partnership(access.partnership)
                             .select_related("priority__outcome"), pk=pk)
    return render(request, "indicators/cards/versions.html", {
        "card": card,
        "versions": card.versions.select_related("published_by", "period").defer("content"),
    })


def _version(access, pk, number):
    return get_object_or_404(
        PublishedCard.objects.filter(
            card__priority__outcome__plan__partnership=access.partnership,
        ).select_related("card__priority__outcome", "published_by"), card_id=pk, number=number)


@require_GET
@partnership_view
def report_card_version(request, access, pk, number):
    version = _version(access, pk, number)
    return render(request, "indicators/cards/version.html", {
        "card": version.card, "version": version,
        "document": version.content,
    })


@require_GET
@partnership_view
def report_card_compare(request, access, pk):
    """Two published versions side by side: each section's text and each indicator's
    figures. `?older=N&newer=M`, by default the last two."""
    card = get_object_or_404(ReportCard.objects.for_partnership(access.partnership)
                             .select_related("priority__outcome"), pk=pk)
    versions = {version.number: version for version in card.versions.all()}
    numbers = sorted(versions, reverse=True)
    try:
        newer = int(request.GET.get("newer") or (numbers[0] if numbers else 0))
        older = int(request.GET.get("older") or (numbers[1] if len(numbers) > 1 else 0))
    except ValueError:
        newer = older = 0
    pair = (versions.get(older), versions.get(newer))
    return render(request, "indicators/cards/compare.html", {
        "card": card, "numbers": numbers, "older": pair[0],
        "newer": pair[1],
        **(compare_versions(*pair) if all(pair) else {"sections": [], "figures": []}),
    })


@require_GET
@partnership_view
def report_cards(request, access):
    """Every plan of the partnership with its scorecard, and its cards by priority."""
    cards = ReportCard.objects.for_partnership(access.partnership).select_related(
        "priority__outcome__plan__partnership").annotate(latest_version=Max("versions__number"))
    return render(request, "indicators/cards/index.html", {
        "plans": Plan.objects.filter(partnership=access.partnership),
        "cards": cards.order_by("priority__outcome__plan", "priority__outcome__order",
                                "priority__order", "order", "pk"),
    })


def _plan(access, pk):
    return get_object_or_404(Plan, partnership=access.partnership, pk=pk)


@require_GET
@partnership_view
def plan_scorecard(request, access, pk):
    plan = _plan(access, pk)
    return render(request, "indicators/cards/scorecard.html", {
        "plan": plan, "outcomes": scorecard(plan),
    })


@require_GET
@partnership_view
def plan_cards_pdf(request, access, pk):
    plan = _plan(access, pk)
    documents = [line["document"] for outcome in scorecard(plan) for line in outcome["lines"]
                 if line["card"]]
    return _pdf(f"{access.partnership.slug}-report-cards-{plan.pk}",
                f"{plan.title}: report cards", documents, access, contents=True)


def _pdf(filename, title, documents, access, *, contents=False):
    html = render_to_string("indicators/cards/cards.pdf.html", {
        "title": title, "documents": documents, "contents": contents,
        "partnership": access.partnership, "for_pdf": True,
    })
    pdf = layout(html).write_pdf(pdf_variant=PDF_VARIANT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response
