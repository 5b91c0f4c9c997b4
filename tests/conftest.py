"""A small world for tests: two partnerships and one persona per role.

`north` is the partnership under test; `outsider` belongs only to `south`, so every page of
`north` must hide itself from them.
"""

import datetime
import io
import os
import shutil
import sys
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from priorities.models import Action, Milestone, Outcome, Plan, Priority
from trust_portal.boards.models import (
    ActionLogEntry,
    AgendaItem,
    Attendance,
    Meeting,
    Minute,
    Pack,
    PackDocument,
    Paper,
)
from trust_portal.core.models import Membership, Organisation, Partnership, Person, Role

PASSWORD = "correct-horse-battery-staple"
ROLE_PERSONAS = {
    "administrator": Role.ADMINISTRATOR,
    "performance_officer": Role.PERFORMANCE_OFFICER,
    "lead_officer": Role.LEAD_OFFICER,
    "other_lead_officer": Role.LEAD_OFFICER,
    "board_member": Role.BOARD_MEMBER,
    "commissioner": Role.COMMISSIONER,
    "safeguarding_lead": Role.SAFEGUARDING_LEAD,
}
PERSONAS = ["anonymous", *ROLE_PERSONAS, "outsider"]
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo():
    """The three demo partnerships, from the seed documents, as `make demo` loads them, but
    without rendering the published packs (see tests/test_demo_pack.py)."""
    call_command("load_demo", "--without-packs", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """A page one test cached must not answer another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Publishing renders the pack before it returns, unless a test asks for the worker's
    queue (the portal's own default, TASK_BACKEND=database)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class World:
    north: Partnership
    south: Partnership
    users: dict
    plan: Plan
    priority: Priority
    action: Action
    milestone: Milestone
    period: ReportingPeriod
    indicator: Indicator
    meeting: Meeting
    paper: Paper
    pack: Pack

    def add_indicators(self, count):
        """Add `count` indicators, each with a target, a submitted actual and last year's."""
        last_year = ReportingPeriod.objects.named(self.north, "2008/09 Q2", create=True)
        start = Indicator.objects.filter(partnership=self.north).count()
        for n in range(start, start + count):
            indicator = Indicator.objects.create(partnership=self.north, code=f"LOCAL {n}",
                                                 title=f"Local indicator {n}",
                                                 lower_is_better=n % 2 == 0)
            Target.objects.create(indicator=indicator, period=self.period, value=50 + n)
            Actual.objects.create(indicator=indicator, period=self.period, value=45 + n,
                                  data_quality="P", context="Context", corrective_action="Act",
                                  status=Actual.Status.SUBMITTED)
            Actual.objects.create(indicator=indicator, period=last_year, value=40 + n,
                                  status=Actual.Status.SUBMITTED)

    def add_agenda_items(self, count):
        """Add `count` minuted items to the meeting, each with a written paper and an action."""
        start = self.meeting.items.count()
        person = self.paper.author
        for n in range(start + 1, start + count + 1):
            paper = Paper.objects.create(partnership=self.north, title=f"Paper {n}",
                                         body=f"## Section {n}\n\nText", author=person)
            item = AgendaItem.objects.create(meeting=self.meeting, position=n, number=n,
                                             title=f"Item {n}", paper=paper, presenter=person)
            Minute.objects.create(item=item, text=f"Minute {n}", resolution="noted")
            ActionLogEntry.objects.create(raised_at=item, description=f"Follow up {n}",
                                          owner=person)
            Attendance.objects.create(meeting=self.meeting, person=Person.objects.create(
                partnership=self.north, name=f"Attendee {n}"))

    def add_paper(self, kind, source=""):
        """Put a paper of `kind`, built from `source`, last on the meeting's agenda."""
        position = self.meeting.items.count() + 1
        paper = Paper.objects.create(partnership=self.north, kind=kind, source=str(source),
                                     title=f"Paper {position}")
        return AgendaItem.objects.create(meeting=self.meeting, position=position,
                                         number=position, title=f"Item {position}", paper=paper)

    def add_meetings(self, count):
        """Add `count` earlier meetings, each with a minuted item, an action and a pack."""
        start = Meeting.objects.filter(partnership=self.north).count()
        for n in range(start, start + count):
            meeting = Meeting.objects.create(
                partnership=self.north, date=self.meeting.date - datetime.timedelta(weeks=n),
                start_time=self.meeting.start_time, is_public=True)
            item = AgendaItem.objects.create(meeting=meeting, position=1, number=1,
                                             title=f"Item of meeting {n}")
            Minute.objects.create(item=item, text=f"Minute {n}", resolution="approved")
            ActionLogEntry.objects.create(raised_at=item, description=f"Action {n}")
            Pack.objects.create(meeting=meeting, number=1, status=Pack.Status.PUBLISHED,
                                published_at=timezone.now())

    def add_priorities(self, count):
        """Grow the plan by `count` priorities, each with two actions of three milestones."""
        outcome = self.priority.outcome
        sponsors = list(Person.objects.filter(partnership=self.north))
        today = timezone.localdate()
        start = Priority.objects.filter(outcome=outcome).count()
        for n in range(start, start + count):
            priority = Priority.objects.create(outcome=outcome, reference=f"Z.{n}",
                                               title=f"Extra priority {n}", order=100 + n)
            lead = Person.objects.create(partnership=self.north, name=f"Extra lead {n}")
            priority.lead_officers.set([lead, sponsors[0]])
            priority.sponsors.set(sponsors[1:])
            for a in range(2):
                action = Action.objects.create(priority=priority, number=str(a),
                                               description=f"Action {a}")
                for m in range(3):
                    Milestone.objects.create(
                        action=action, description=f"Milestone {m}",
                        due_on=today + datetime.timedelta(days=(m - 1) * 20),
                        status=Milestone.Status.values[m],
                    )


def _user(username, partnership, role):
    user = User.objects.create_user(username=username, password=PASSWORD,
                                    first_name=username.replace("_", " ").title())
    if role:
        Membership.objects.create(user=user, partnership=partnership, role=role)
    return user


def build_world():
    north = Partnership.objects.create(slug="north", name="North Children's Trust",
                                       board_name="North Children's Trust Board")
    south = Partnership.objects.create(slug="south", name="South Children's Trust",
                                       board_name="South Children's Trust Board")
    users = {name: _user(name, north, role) for name, role in ROLE_PERSONAS.items()}
    users["administrator"].is_staff = True
    users["administrator"].save()
    users["outsider"] = _user("outsider", south, Role.ADMINISTRATOR)
    council = Organisation.objects.create(partnership=north, name="North Council",
                                          kind=Organisation.Kind.COUNCIL)
    lead = Person.objects.create(partnership=north, name="Lena Lead", organisation=council,
                                 user=users["lead_officer"])
    Person.objects.create(partnership=north, name="Olly Other", user=users["other_lead_officer"])
    sponsor = Person.objects.create(partnership=north, name="Sam Sponsor", is_councillor=True)
    plan = Plan.objects.create(partnership=north, title="North CYPP 2011-15",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2015, 3, 31))
    outcome = Outcome.objects.create(plan=plan, title="Children are safe from harm", order=1)
    priority = Priority.objects.create(
        outcome=outcome, reference="1", is_key=True,
        title="Help children to live in safe and supportive families",
    )
    priority.lead_officers.set([lead])
    priority.sponsors.set([sponsor])
    action = Action.objects.create(priority=priority, number="1",
                                   description="Develop a citywide edge of care strategy",
                                   owner="Lena Lead")
    milestone = Milestone.objects.create(action=action, description="Strategy approved",
                                         due_on=timezone.localdate() - datetime.timedelta(days=3))
    period = ReportingPeriod.objects.create(partnership=north, year=2009, quarter=2,
                                            is_open=True)
    indicator = Indicator.objects.create(partnership=north, code="NI 43", lower_is_better=True,
                                         title="Young people sentenced to custody")
    indicator.priorities.set([priority])
    Target.objects.create(indicator=indicator, period=period, value=5)
    Actual.objects.create(indicator=indicator, period=period, value="5.3", data_quality="P",
                          status=Actual.Status.SUBMITTED)
    commissioner = Person.objects.create(partnership=north, name="Cara Commissioner",
                                         user=users["commissioner"])
    meeting = Meeting.objects.create(partnership=north, date=datetime.date(2009, 11, 20),
                                     start_time=datetime.time(9), venue="Town Hall",
                                     is_public=True)
    paper = Paper.objects.create(partnership=north, title="Youth services contract",
                                 summary="The contract for youth services.",
                                 body="## Background\n\nThe contract ends in March.",
                                 recommendations="That the Board note the report.",
                                 author=commissioner)
    AgendaItem.objects.create(meeting=meeting, position=1, number=1, title="Apologies",
                              item_type=AgendaItem.ItemType.APOLOGIES)
    item = AgendaItem.objects.create(meeting=meeting, position=2, number=2,
                                     title="Youth services contract", paper=paper,
                                     presenter=commissioner, starts_at=datetime.time(9, 5))
    Minute.objects.create(item=item, text="The contract was discussed.", resolution="endorsed")
    ActionLogEntry.objects.create(raised_at=item, description="Report back on the contract",
                                  owner=commissioner)
    Attendance.objects.create(meeting=meeting, person=sponsor,
                              capacity=Attendance.Capacity.CHAIR)
    pack = Pack.objects.create(meeting=meeting, number=1, status=Pack.Status.PUBLISHED,
                               published_at=timezone.now())
    for audience in PackDocument.Audience:
        PackDocument.objects.create(pack=pack, audience=audience, sha256="0" * 64, page_count=1,
                                    html="<p>Pack</p>",
                                    pdf=ContentFile(b"%PDF-1.7 stored", name="pack.pdf"))
    world = World(north=north, south=south, users=users, plan=plan, priority=priority,
                  action=action, milestone=milestone, period=period, indicator=indicator,
                  meeting=meeting, paper=paper, pack=pack)
    from safeguarding.testing import build as build_safeguarding

    build_safeguarding(world)
    return world


@pytest.fixture
def world(db):
    return build_world()


def stored_in(storages, location):
    """The portal's storages, with files kept in `location`."""
    return {**storages, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                    "OPTIONS": {"location": location}}}


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """The folder for the files of records a module's tests share."""
    return tmp_path_factory.mktemp("media")


def shared_by_module(django_db_blocker, media, build):
    """Build records once for all of a module's tests, as `TestCase.setUpTestData` does.

    `build()` writes them in a transaction rolled back after the module's last test. Each test
    runs inside it in a savepoint of its own (pytest-django's `db`), rolled back after the test,
    so what one test changes no other sees. For a module-scoped fixture to `yield from`; its
    tests ask for it and for `db`. Their stored files go to `media` (`module_media`).
    """
    from django.conf import settings

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
                           STORAGES=stored_in(settings.STORAGES, media)):
        with django_db_blocker.unblock():
            module_transaction = transaction.atomic()
            module_transaction.__enter__()
            try:
                built = build()
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker, module_media):
    yield from shared_by_module(django_db_blocker, module_media, load_demo)


@pytest.fixture
def demo(module_demo, db):
    """The demo, loaded once for the module's tests that ask for it (see `shared_by_module`).
    Not for tests that commit (`transactional_db`, `live_server`): they call `load_demo`."""


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path, request):
    """Stored packs go to a temporary folder, never the portal's own: the test's own, or the
    module's when the test reads records its module shares (see `shared_by_module`)."""
    location = tmp_path / "media"
    if "module_media" in request.fixturenames:
        location = request.getfixturevalue("module_media")
    settings.STORAGES = stored_in(settings.STORAGES, location)


@pytest.fixture
def login(client):
    """Sign the test client in as a persona's user; anonymous stays signed out."""

    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser_page(monkeypatch):
    """A page in headless Chromium, for tests that drive the portal as a person would."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium: run `make system-deps` (Debian: apt-get install chromium)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ])
        page = browser.new_page()
        yield page
        browser.close()
