"""The indicators' part of the shared test world (see tests/conftest.py): an open quarter and
one indicator of the priority, with a target and a signed-off actual, which the board reads,
and a report card on the priority, headed by that indicator, published once."""

from priorities.models import Priority

from .card_services import publish_card
from .cards import CardIndicator, ReportCard
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
                          data_quality="P", status=Actual.Status.SIGNED_OFF)
    world.card = ReportCard.objects.create(
        priority=world.priority, title="Looked after children", period=world.period,
        story="- Numbers rose after a **serious case review**.",
        improvement="- Edge of care strategy")
    CardIndicator.objects.create(card=world.card, indicator=world.indicator)
    world.card_version = publish_card(card=world.card, expected_version=world.card.version,
                                      user=None)


def add_indicators(world, count: int) -> None:
    """Add `count` indicators, each with a target, an actual and last year's: every other
    actual submitted by the performance officer and waiting for sign-off, the others signed
    off."""
    last_year = ReportingPeriod.objects.named(world.north, "2008/09 Q2", create=True)
    start = Indicator.objects.filter(partnership=world.north).count()
    for n in range(start, start + count):
        indicator = Indicator.objects.create(partnership=world.north, code=f"LOCAL {n}",
                                             title=f"Local indicator {n}",
                                             lower_is_better=n % 2 == 0)
        Target.objects.create(indicator=indicator, period=world.period, value=50 + n)
        Actual.objects.create(indicator=indicator, period=world.period, value=45 + n,
                              data_quality="P", context="Context", corrective_action="Act",
                              status=Actual.Status.SUBMITTED if n % 2 else
                              Actual.Status.SIGNED_OFF,
                              entered_by=world.users["performance_officer"])
        Actual.objects.create(indicator=indicator, period=last_year, value=40 + n,
                              status=Actual.Status.SIGNED_OFF)


def add_cards(world, count: int) -> None:
    """Add a card to `count` of the plan's priorities without one, each headed by an indicator
    and the world's, and published; also one more published version of the world's card."""
    indicators = list(Indicator.objects.filter(partnership=world.north).order_by("-pk")[:count])
    priorities = Priority.objects.filter(outcome__plan=world.plan, report_cards=None)
    for priority, indicator in zip(priorities[:count], indicators, strict=False):
        card = ReportCard.objects.create(priority=priority, title=f"Card of {priority.reference}",
                                         period=world.period, story="- A story")
        CardIndicator.objects.create(card=card, indicator=indicator)
        CardIndicator.objects.create(card=card, indicator=world.indicator, order=1)
        publish_card(card=card, expected_version=card.version, user=None)
    publish_card(card=world.card, expected_version=world.card.version, user=None)


def grow(world, count: int) -> None:
    add_indicators(world, count)
    add_cards(world, count)
