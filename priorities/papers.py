"""The action-plan progress paper the priorities offer the board's pack."""

from django.db.models import Prefetch

from trust_portal.boards.papers import PaperKind, PaperUnavailable, register

from .models import Action, Plan, Priority


def build_plan_progress(paper):
    plan = Plan.objects.filter(partnership_id=paper.partnership_id, pk=paper.source or None).first()
    if plan is None:
        raise PaperUnavailable("its plan no longer exists.")
    priorities = (Priority.objects.filter(outcome__plan=plan).with_people()
                  .with_milestone_counts().prefetch_related(
                      Prefetch("actions", queryset=Action.objects.prefetch_related("milestones"))))
    return {"plan": plan,
            "outcomes": plan.outcomes.prefetch_related(Prefetch("priorities", queryset=priorities))}


register(PaperKind(
    key="priorities.plan", name="Action plan progress",
    template="priorities/papers/plan_progress.html", build=build_plan_progress,
    sources=lambda partnership: [(str(plan.pk), plan.title)
                                 for plan in Plan.objects.filter(partnership=partnership)],
    source_label="Plan",
))
