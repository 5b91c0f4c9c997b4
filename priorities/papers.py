"""The action-plan progress paper the priorities offer the board's pack."""

from collections import defaultdict

from django.db.models import Prefetch

from trust_portal.boards.registry import PaperKind, PaperUnavailable, SourceSpec, register

from .models import Milestone, Outcome, Plan, Priority

PLAN = SourceSpec(choices=lambda partnership: [(str(plan.pk), plan.title) for plan
                                               in Plan.objects.filter(partnership=partnership)],
                  missing="its plan no longer exists.")


def build_plan_progress(paper, shared):
    """The plan's outcomes, each priority with its lead officers, milestone counts and its
    milestones in action order (each with its action)."""
    priorities = Priority.objects.with_milestone_counts().prefetch_related("lead_officers")
    plan_id = PLAN.value(paper)
    outcomes = list(Outcome.objects.filter(plan__partnership_id=paper.partnership_id,
                                           plan_id=plan_id)
                    .select_related("plan")
                    .prefetch_related(Prefetch("priorities", queryset=priorities)))
    # A plan is read with its outcomes; only one without any is read on its own.
    plan = outcomes[0].plan if outcomes else Plan.objects.filter(
        partnership_id=paper.partnership_id, pk=plan_id).first()
    if plan is None:
        raise PaperUnavailable(PLAN.missing)
    milestones = defaultdict(list)
    for milestone in (Milestone.objects.filter(action__priority__outcome__plan=plan)
                      .select_related("action")):
        milestones[milestone.action.priority_id].append(milestone)
    for outcome in outcomes:
        for priority in outcome.priorities.all():
            priority.plan_milestones = milestones[priority.pk]
    return {"plan": plan, "outcomes": outcomes}


register(PaperKind(
    key="priorities.plan", name="Action plan progress",
    template="priorities/papers/plan_progress.html", build=build_plan_progress, source=PLAN,
))
