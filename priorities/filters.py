import django_filters
from django.utils import timezone

from .models import Milestone

UPCOMING_DAYS = 30


class MilestoneFilter(django_filters.FilterSet):
    WHEN_CHOICES = [
        ("overdue", "Overdue"),
        ("upcoming", f"Due in the next {UPCOMING_DAYS} days"),
    ]
    when = django_filters.ChoiceFilter(choices=WHEN_CHOICES, method="filter_when",
                                       label="Due", empty_label="Any time")
    status = django_filters.ChoiceFilter(choices=Milestone.Status.choices, empty_label="Any status")
    search = django_filters.CharFilter(field_name="description", lookup_expr="icontains",
                                       label="Milestone contains")
    whose = django_filters.ChoiceFilter(choices=[("mine", "Priorities I lead")],
                                        method="filter_whose", label="Whose",
                                        empty_label="Every priority")

    class Meta:
        model = Milestone
        fields = ["when", "status", "search", "whose"]

    def filter_whose(self, queryset, name, value):
        return queryset.led_by(self.request.access.person)

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        return queryset.due_within(UPCOMING_DAYS, today)
