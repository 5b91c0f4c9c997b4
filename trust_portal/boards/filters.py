import django_filters
from django.db.models import Q

from trust_portal.core.models import Person

from .models import ActionLogEntry, Minute, Resolution


class DecisionFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(method="search", label="Search items and minutes")
    resolution = django_filters.ChoiceFilter(choices=Resolution.choices, empty_label="Any")
    year = django_filters.NumberFilter(field_name="item__meeting__date", lookup_expr="year",
                                       label="Year of meeting", min_value=1900, max_value=2999)

    class Meta:
        model = Minute
        fields = ["text", "resolution", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(item__title__icontains=value) | Q(text__icontains=value))


class ActionLogFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionLogEntry.Status.choices, empty_label="Any")
    owner = django_filters.ModelChoiceFilter(queryset=Person.objects.none(), empty_label="Anyone")

    class Meta:
        model = ActionLogEntry
        fields = ["status", "owner"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = Person.objects.filter(partnership=partnership)
