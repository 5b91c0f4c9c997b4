"""The papers safeguarding offers the board: the LSCB's update, with the quarter's child
protection figures read live, and a review's published executive summary, which only a
safeguarding lead puts into a paper (services.put_summary_in_paper). Nothing else of the
register reaches a paper."""

from indicators.performance import table_columns
from trust_portal.boards.registry import EVERYONE, PaperKind, PaperUnavailable, SourceSpec, register

from .models import Review
from .reads import child_protection_figures, updates_of

UPDATE = "safeguarding.update"
EXECUTIVE_SUMMARY = "safeguarding.executive_summary"

UPDATE_SOURCE = SourceSpec(
    choices=lambda partnership: [(str(update.pk), str(update))
                                 for update in updates_of(partnership)],
    missing="the safeguarding update it presents no longer exists.")


def build_update(paper, shared):
    update = updates_of(paper.partnership_id).filter(pk=UPDATE_SOURCE.value(paper)).first()
    if update is None:
        raise PaperUnavailable(UPDATE_SOURCE.missing)
    return {"update": update, "rows": child_protection_figures(update, shared),
            "columns": table_columns()}


register(PaperKind(
    key=UPDATE, name="Safeguarding update (LSCB)", template="safeguarding/papers/update.html",
    build=build_update, source=UPDATE_SOURCE, readers=EVERYONE,
))


def published_summaries(partnership):
    """Reviews whose executive summary is published: all of the register a paper may show."""
    return Review.objects.filter(partnership=partnership,
                                 status=Review.Status.SUMMARY_PUBLISHED)


SUMMARY_SOURCE = SourceSpec(
    choices=lambda partnership: [(str(review.pk), f"{review.reference}: executive summary")
                                 for review in published_summaries(partnership)],
    missing="the review's executive summary is no longer published.")


def build_summary(paper, shared):
    review = published_summaries(paper.partnership_id).filter(
        pk=SUMMARY_SOURCE.value(paper)).first()
    if review is None:
        raise PaperUnavailable(SUMMARY_SOURCE.missing)
    return {"review": review}


register(PaperKind(
    key=EXECUTIVE_SUMMARY, name="Review executive summary (published)",
    template="safeguarding/papers/executive_summary.html", build=build_summary,
    source=SUMMARY_SOURCE, readers=EVERYONE,
))
