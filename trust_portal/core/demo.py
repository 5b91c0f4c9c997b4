"""The demo's organisations and people of a partnership, from `<slug>.json`."""

from trust_portal.demo.fixtures import read_fixture

from .models import Organisation, Partnership, Person


def load(partnership: Partnership) -> None:
    data = read_fixture(partnership.slug)
    organisations = {
        org["name"]: Organisation.objects.create(partnership=partnership, **org)
        for org in data["organisations"]
    }
    for person in data["people"]:
        Person.objects.create(
            partnership=partnership, name=person["name"], job_title=person["job_title"],
            is_councillor=person["is_councillor"],
            organisation=organisations.get(person["organisation"]),
        )
