"""The core of the shared test world (see tests/conftest.py): two partnerships, one user per
role in `north`, an outsider who administers `south`, and the people the apps' records name."""

from django.contrib.auth.models import User

from .models import Membership, Organisation, Partnership, Person, Role

PASSWORD = "correct-horse-battery-staple"
ROLE_PERSONAS = {
    "administrator": Role.ADMINISTRATOR,
    "performance_officer": Role.PERFORMANCE_OFFICER,
    "performance_manager": Role.PERFORMANCE_MANAGER,
    "lead_officer": Role.LEAD_OFFICER,
    "other_lead_officer": Role.LEAD_OFFICER,
    "board_member": Role.BOARD_MEMBER,
    "commissioner": Role.COMMISSIONER,
    "safeguarding_lead": Role.SAFEGUARDING_LEAD,
}
PERSONAS = ["anonymous", *ROLE_PERSONAS, "outsider"]


def _user(username, partnership, role):
    user = User.objects.create_user(username=username, password=PASSWORD,
                                    first_name=username.replace("_", " ").title())
    if role:
        Membership.objects.create(user=user, partnership=partnership, role=role)
    return user


def build(world) -> None:
    world.north = Partnership.objects.create(slug="north", name="North Children's Trust",
                                             board_name="North Children's Trust Board")
    world.south = Partnership.objects.create(slug="south", name="South Children's Trust",
                                             board_name="South Children's Trust Board")
    users = {name: _user(name, world.north, role) for name, role in ROLE_PERSONAS.items()}
    users["administrator"].is_staff = True
    users["administrator"].save()
    users["outsider"] = _user("outsider", world.south, Role.ADMINISTRATOR)
    world.users = users
    council = Organisation.objects.create(partnership=world.north, name="North Council",
                                          kind=Organisation.Kind.COUNCIL)
    world.lead = Person.objects.create(partnership=world.north, name="Lena Lead",
                                       organisation=council, user=users["lead_officer"])
    Person.objects.create(partnership=world.north, name="Olly Other",
                          user=users["other_lead_officer"])
    world.officer = Person.objects.create(partnership=world.north, name="Perry Performance",
                                          organisation=council,
                                          user=users["performance_officer"])
    world.sponsor = Person.objects.create(partnership=world.north, name="Sam Sponsor",
                                          is_councillor=True)
    world.commissioner = Person.objects.create(partnership=world.north, name="Cara Commissioner",
                                               user=users["commissioner"])
