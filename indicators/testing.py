"""The indicators app's part of the shared test world: a report card on the world's priority,
headed by its indicator, published once."""

from .card_services import publish_card
from .cards import CardIndicator, ReportCard


def build(world) -> None:
    card = ReportCard.objects.create(
        priority=world.priority, title="Looked after children", period=world.period,
        story="- Numbers rose after a **serious case review**.",
        improvement="- Edge of care strategy")
    CardIndicator.objects.create(card=card, indicator=world.indicator)
    world.card = card
    world.card_version = publish_card(card=card, expected_version=card.version, user=None)
