"""The demo's safeguarding records of a partnership, from `<slug>_safeguarding.json`: the LSCB's
update to the board, the reviews as the board was told of them, and the Star Chamber as it was
proposed. Every word is the seed's; what it does not give stays empty ("Not recorded")."""

from indicators.models import ReportingPeriod
from trust_portal.core.models import Partnership
from trust_portal.demo.fixtures import fixture_exists, read_fixture

from .models import Review, SafeguardingUpdate, StarChamber

REVIEW_FIELDS = ["reference", "type", "status", "evaluation", "status_note", "delay_reason"]


def load(partnership: Partnership) -> None:
    name = f"{partnership.slug}_safeguarding"
    if not fixture_exists(name):
        return
    data = read_fixture(name)
    people = {person.name: person for person in partnership.people.all()}
    for update in data["updates"]:
        SafeguardingUpdate.objects.create(
            partnership=partnership, title=update["title"],
            period=ReportingPeriod.objects.named(partnership, update["period"], create=True),
            introduction=update["introduction"], actions_preamble=update["actions_preamble"],
            actions="\n".join(update["actions"]), further_report=update["further_report"],
            recommendations=update["recommendations"], author=people.get(update["author"]),
            contact=update["contact"])
    for review in data["reviews"]:
        Review.objects.create(partnership=partnership,
                              **{field: review[field] for field in REVIEW_FIELDS})
    if star_chamber := data.get("star_chamber"):
        StarChamber.objects.create(
            partnership=partnership, criteria="\n".join(star_chamber["criteria"]),
            remit=star_chamber["remit"], membership="\n".join(star_chamber["membership"]),
            established=star_chamber["established"])
