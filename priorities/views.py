from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import RequestConfig

from trust_portal.core.access import partnership_view
from trust_portal.core.concurrency import StaleEdit, at_version
from trust_portal.core.models import Organisation

from .filters import MilestoneFilter
from .forms import MilestoneUpdateForm
from .models import Milestone, Plan, Priority
from .reads import (
    milestone_changes,
    people_of,
    plan_outcomes,
)
from .services import can_update_milestones, update_milestone
from .tables import MilestoneTable

MILESTONES_PER_PAGE = 50


@require_GET
@partnership_view
def plan_detail(request, access, pk):
    plan = get_object_or_404(Plan, partnership=access.partnership, pk=pk)
    return render(request, "priorities/plan_detail.html", {
        "plan": plan, "outcomes": plan_outcomes(plan),
        "statuses": Milestone.Status,
    })


@require_GET
@partnership_view
def priority_detail(request, access, pk):
    priority = get_object_or_404(
        Priority.objects.for_partnership(access.partnership).with_people(), pk=pk
    )
    actions = priority.actions.prefetch_related("milestones")
    return render(request, "priorities/priority_detail.html", {
        "priority": priority, "actions": actions,
        "can_update": can_update_milestones(access, priority),
    })


@require_GET
@partnership_view
def milestone_list(request, access):
    milestones = Milestone.objects.for_partnership(access.partnership).with_context()
    milestone_filter = MilestoneFilter(request.GET, queryset=milestones.order_by("due_on"),
                                       request=request)
    table = MilestoneTable(milestone_filter.qs)
    RequestConfig(request, paginate={"per_page": MILESTONES_PER_PAGE}).configure(table)
    return render(request, "priorities/milestone_list.html", {
        "filter": milestone_filter, "table": table,
    })


def _get_milestone(access, pk):
    return get_object_or_404(
        Milestone.objects.for_partnership(access.partnership).with_context()
        .prefetch_related("action__priority__lead_officers"),
        pk=pk,
    )


@require_GET
@partnership_view
def milestone_detail(request, access, pk):
    milestone = _get_milestone(access, pk)
    return render(request, "priorities/milestone_detail.html", {
        "milestone": milestone,
        "changes": milestone_changes(milestone),
        "can_update": can_update_milestones(access, milestone.action.priority),
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def milestone_update(request, access, pk):
    milestone = _get_milestone(access, pk)
    if not can_update_milestones(access, milestone.action.priority):
        raise PermissionDenied("Only this priority's lead officers and administrators may "
                               "update its milestones.")
    conflict = None
    if request.method == "POST":
        form = MilestoneUpdateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_milestone(
                    milestone=milestone, expected_version=data["version"], user=request.user,
                    status=data["status"], progress_note=data["progress_note"],
                    due_on=data["due_on"], completed_on=data["completed_on"],
                )
            except StaleEdit as stale:
                conflict = stale.current
                form = at_version(MilestoneUpdateForm, request.POST, conflict.version)
            else:
                messages.success(request, "Milestone updated")
                return redirect(milestone)
    else:
        form = MilestoneUpdateForm.for_milestone(milestone)
    return render(request, "priorities/milestone_update.html", {
        "milestone": milestone, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@require_GET
@partnership_view
def people(request, access):
    return render(request, "priorities/people.html", {
        "people": people_of(access.partnership),
        "organisations": Organisation.objects.filter(partnership=access.partnership),
    })
