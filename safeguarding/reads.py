"""Reads behind the safeguarding pages and papers, each in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from indicators.codes import natural_key
from indicators.performance import year_figures

from .models import DataRequest, Review, ReviewAction, SafeguardingUpdate

CHILD_PROTECTION_CODES = ["NI 59", "NI 60", "NI 62", "NI 63", "NI 64", "NI 65", "NI 66",
                          "NI 67", "NI 68"]
"""The national indicators of children's social care and child protection an update shows,
where the partnership has them."""


def updates_of(partnership):
    return SafeguardingUpdate.objects.filter(partnership=partnership).select_related(
        "period", "author")


def child_protection_figures(update, shared=None):
    """The standing of each child protection indicator in the update's quarter, read live,
    or from what a pack's other papers read of its year (`shared`, see PaperKind.build)."""
    figures = year_figures(update.partnership_id, update.period.year,
                           {} if shared is None else shared)
    indicators = [indicator for indicator in figures.indicators
                  if indicator.code in CHILD_PROTECTION_CODES]
    return sorted(figures.standings(update.period, indicators),
                  key=lambda row: natural_key(row.indicator.code))


def register(reviews):
    """The register's reviews with how many of their actions are open and overdue."""
    open_actions = Q(actions__completed_on__isnull=True)
    return reviews.annotate(  # overdue as ReviewActionQuerySet.overdue, per review
        open_actions=Count("actions", filter=open_actions),
        overdue_actions=Count("actions", filter=open_actions
                              & Q(actions__due_on__lt=timezone.localdate())),
    )


def status_counts(reviews):
    """How many of `reviews` stand at each status, for the register's filter."""
    counts = dict(reviews.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status, counts.get(status.value, 0)) for status in Review.Status]


def review_with_actions(reviews, pk):
    return reviews.prefetch_related(
        Prefetch("actions", queryset=ReviewAction.objects.order_by("due_on", "pk"))).filter(
        pk=pk).first()


def requests_of(partnership):
    return DataRequest.objects.filter(partnership=partnership).select_related(
        "priority__outcome__plan")
