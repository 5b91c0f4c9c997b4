import django_filters
from django.utils import timezone

from trust_portal.core.models import Organisation

from .models import Commission, CommissioningGroup, FundingStream
from .rules import ENDING_SOON_MONTHS, Stage, add_months


class RegisterFilter(django_filters.FilterSet):
    """The register's filters; a contract ending soon flags its commission too."""

    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label="Any stage")
    group = django_filters.ModelChoiceFilter(queryset=CommissioningGroup.objects.none(),
                                             label="Commissioning group",
                                             empty_label="Any group")
    stream = django_filters.ModelChoiceFilter(queryset=FundingStream.objects.none(),
                                              field_name="funding__stream",
                                              label="Funding stream", empty_label="Any stream")
    taking_part = django_filters.ModelChoiceFilter(queryset=Organisation.objects.none(),
                                                   label="Authority taking part",
                                                   empty_label="Any authority")
    ending = django_filters.ChoiceFilter(
        choices=[("soon", f"Contract ends within {ENDING_SOON_MONTHS} months")],
        method="filter_ending", label="Contracts", empty_label="Any")

    class Meta:
        model = Commission
        fields = ["stage", "group", "stream", "taking_part", "ending"]

    def __init__(self, data, *, partnership, **kwargs):
        super().__init__(data, **kwargs)
        self.filters["group"].queryset = CommissioningGroup.objects.filter(
            partnership=partnership)
        self.filters["stream"].queryset = FundingStream.objects.filter(partnership=partnership)
        self.filters["taking_part"].queryset = Organisation.objects.filter(
            partnership=partnership, commissions_taking_part__isnull=False).distinct()

    def filter_ending(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(contracts__ends_on__gte=today,
                               contracts__ends_on__lte=add_months(today, ENDING_SOON_MONTHS)
                               ).distinct()
