"""The indicators' part of the shared test world (see tests/conftest.py): an open quarter and
one indicator of the priority, with a target and a submitted actual."""

from .models import Actual, Indicator, ReportingPeriod, Target


def build(world) -> None:
    world.period = ReportingPeriod.objects.create(partnership=world.north, year=2009, quarter=2,
                                                  is_open=True)
    world.indicator = Indicator.objects.create(partnership=world.north, code="NI 43",
                                               lower_is_better=True,
                                               title="Young people sentenced to custody")
    world.indicator.priorities.set([world.priority])
    Target.objects.create(indicator=world.indicator, period=world.period, value=5)
    Actual.objects.create(indicator=world.indicator, period=world.period, value="5.3",
                          data_quality="P", status=Actual.Status.SUBMITTED)


def add_indicators(world, count: int) -> None:
    """Add `count` indicators, each with a target, a submitted actual and last year's."""
    last_year = ReportingPeriod.objects.named(world.north, "2008/09 Q2", create=True)
    start = Indicator.objects.filter(partnership=world.north).count()
    for n in range(start, start + count):
        indicator = Indicator.objects.create(partnership=world.north, code=f"LOCAL {n}",
                                             title=f"Local indicator {n}",
                                             lower_is_better=n % 2 == 0)
        Target.objects.create(indicator=indicator, period=world.period, value=50 + n)
        Actual.objects.create(indicator=indicator, period=world.period, value=45 + n,
                              data_quality="P", context="Context", corrective_action="Act",
                              status=Actual.Status.SUBMITTED)
        Actual.objects.create(indicator=indicator, period=last_year, value=40 + n,
                              status=Actual.Status.SUBMITTED)


def grow(world, count: int) -> None:
    add_indicators(world, count)
