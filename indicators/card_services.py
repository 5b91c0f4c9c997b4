"""Writes to report cards: writing a card's draft and publishing it for a period. Each runs in
one transaction with its history row and records who acted."""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from priorities.models import Priority
from trust_portal.core.access import Access
from trust_portal.core.concurrency import StaleEdit, claim_version
from trust_portal.core.history import record_user

from .card_reads import card_document
from .cards import PublishedCard, ReportCard
from .models import ReportingPeriod, TolerancePolicy


class PublicationRefused(Exception):
    pass


def can_write_card(access: Access, priority: Priority) -> bool:
    """Administrators, and the priority's lead officers and board sponsors, write and publish
    its cards; every other member of the partnership reads them."""
    if access.is_administrator:
        return True
    person = access.person
    return person is not None and any(
        someone.pk == person.pk
        for someone in [*priority.lead_officers.all(), *priority.sponsors.all()])


@transaction.atomic
def save_card(*, card: ReportCard, expected_version: int, user: User | None, title: str,
              period: ReportingPeriod | None, sections: dict[str, str]) -> ReportCard:
    """Save an edit of the card's draft, refusing it (StaleEdit) if the card moved on since
    the editor read it."""
    card.version = claim_version(ReportCard, card.pk, expected_version)
    card.title, card.period = title, period
    for name in ReportCard.SECTIONS:
        setattr(card, name, sections.get(name, ""))
    card.full_clean()
    record_user(card, user)
    card.save()
    return card


@transaction.atomic
def publish_card(*, card: ReportCard, expected_version: int,
                 user: User | None) -> PublishedCard:
    """Freeze the card as it now reads, figures and chart drawn, as its next version.

    Refused (StaleEdit) if the card was edited after the publisher read it, and
    (PublicationRefused) while it is not yet "as at" a reporting period."""
    # Lock the card's row while it is frozen; publishing does not change the draft.
    if not ReportCard.objects.select_for_update().filter(pk=card.pk,
                                                         version=expected_version).exists():
        raise StaleEdit(ReportCard.objects.get(pk=card.pk))
    card = ReportCard.objects.with_figures().get(pk=card.pk)
    if card.period is None:
        raise PublicationRefused("Choose the reporting period the card is as at before "
                                 "publishing it.")
    partnership = card.priority.outcome.plan.partnership
    number = (card.versions.aggregate(latest=Max("number"))["latest"] or 0) + 1
    return PublishedCard.objects.create(
        card=card, number=number, period=card.period, published_by=user,
        published_at=timezone.now(),
        content=card_document(card, TolerancePolicy.bands_for(partnership)))
