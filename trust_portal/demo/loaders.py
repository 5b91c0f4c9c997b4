"""Load the demo partnerships transcribed from the seed documents in fixtures/demo/.

Each app loads its own part (`APP/demo.py`, `load(partnership)`), in `PORTAL_APPS` order,
so an app's demo may refer to what the apps listed before it loaded; an app may also say how
to `unload` what would keep the partnership from being deleted. This module knows no app.
"""

from django.contrib.auth.models import User
from django.db import transaction

from trust_portal.boards.demo import publish_packs
from trust_portal.core.models import Membership, Partnership, Person, Role
from trust_portal.core.plugins import portal_modules
from trust_portal.demo.fixtures import read_fixture

PARTNERSHIP_SLUGS = ["liverpool", "wirral", "leeds"]
DEMO_PASSWORD = "trust-portal-demo"

# Which real person each demo login plays, so that lead officers lead real priorities and the
# performance officer answers for the indicator seed 002 names her for (NI 117, NEET).
DEMO_PEOPLE = {
    ("liverpool", Role.LEAD_OFFICER): "James Clarke",
    ("wirral", Role.LEAD_OFFICER): "Lindsay Davidson",
    ("wirral", Role.PERFORMANCE_OFFICER): "Sheila Lynch",
    ("wirral", Role.BOARD_MEMBER): "Phil Davies",
    ("leeds", Role.LEAD_OFFICER): "Jackie Wilson",
    ("leeds", Role.BOARD_MEMBER): "Judith Blake",
}
ROLE_USERNAMES = {
    Role.ADMINISTRATOR: "admin",
    Role.PERFORMANCE_OFFICER: "performance",
    Role.PERFORMANCE_MANAGER: "manager",
    Role.LEAD_OFFICER: "lead",
    Role.BOARD_MEMBER: "board",
    Role.COMMISSIONER: "commissioner",
    Role.SAFEGUARDING_LEAD: "safeguarding",
}

@transaction.atomic
def load_partnership(slug: str) -> Partnership:
    """Create the partnership `slug` with each app's part of its demo, replacing any earlier
    copy."""
    modules = portal_modules("demo")
    earlier = Partnership.objects.filter(slug=slug).first()
    if earlier is not None:
        for module in reversed(modules):
            if hasattr(module, "unload"):
                module.unload(earlier)
        earlier.delete()
    partnership = Partnership.objects.create(**read_fixture(slug)["partnership"])
    for module in modules:
        module.load(partnership)
    return partnership


def publish_demo_packs() -> list:
    """Publish the packs the seeds show published, rendering them now. Returns the packs, each
    published or failed. No one is emailed: the demo's logins, board members included, are
    made after."""
    return [pack for partnership in Partnership.objects.filter(slug__in=PARTNERSHIP_SLUGS)
            for pack in publish_packs(partnership)]


@transaction.atomic
def create_demo_users():
    """One login per role per partnership, plus `admin`, who administers all three.

    Returns (username, description) pairs for the logins, to print.
    """
    partnerships = list(Partnership.objects.filter(slug__in=PARTNERSHIP_SLUGS))
    admin = _demo_user("admin", first_name="Demo", last_name="Administrator",
                       is_staff=True, is_superuser=True)
    admin.set_password(DEMO_PASSWORD)
    admin.save(update_fields=["password"])
    logins = [("admin", "Administrator of all three partnerships")]
    for partnership in partnerships:
        Membership.objects.get_or_create(user=admin, partnership=partnership,
                                         role=Role.ADMINISTRATOR)
    for partnership in partnerships:
        for role in Role:
            user = demo_login(partnership, role)
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            person_name = DEMO_PEOPLE.get((partnership.slug, role))
            played = f" (as {person_name})" if person_name else ""
            logins.append((user.username, f"{role.label}, {partnership.name}{played}"))
    return logins


def demo_login(partnership: Partnership, role: Role) -> User:
    """The demo's login for `role` in the partnership, `<slug>-<role>`, with its membership:
    named after the real person it plays, if the seeds name one, else after its role. An app's
    demo may ask for one to record who did what; `create_demo_users` gives it its password."""
    username = f"{partnership.slug}-{ROLE_USERNAMES[role]}"
    person_name = DEMO_PEOPLE.get((partnership.slug, role))
    first, _, last = (person_name or f"{partnership.slug.title()} {role.label}").partition(" ")
    user = _demo_user(username, first_name=first, last_name=last,
                      email=f"{username}@demo.trust-portal.invalid",
                      is_staff=role == Role.ADMINISTRATOR)
    Membership.objects.get_or_create(user=user, partnership=partnership, role=role)
    if person_name:
        Person.objects.filter(partnership=partnership, name=person_name).update(user=user)
    return user


def _demo_user(username, **fields):
    return User.objects.update_or_create(username=username, defaults=fields)[0]
