"""What `make load` simulates: Wirral's officers, lead officers and board members at work.

Run by bench/load.py, which sets up the demo and names the records to work on in the JSON file
at $LOAD_CONFIG: the demo password, the open reporting period, the milestones the lead officer
may update, and the meeting whose pack is published. Many simulated users share a login, each
in its own session.

A save refused with 409 is the portal telling the user that someone else saved the same record
in between (optimistic locking): it counts as a success, under its own name, so the summary
says how often it happened.
"""

import json
import os
import random
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, task
from locust.exception import StopUser

SLUG = "wirral"
CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text(encoding="utf-8"))
CONFLICT = " (told of a conflict)"
OPEN_STATUSES = ["not_started", "on_track", "at_risk", "off_track"]


class FormReader(HTMLParser):
    """The fields of each form on a page, as a browser would submit them (less the buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # lists of (name, value)
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"radio", "checkbox"} and "checked" not in attrs:
                return
            self.forms[-1].append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, first option, selected option
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, first, selected = self._select
            self.forms[-1].append((name, selected if selected is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            # Browsers drop one newline straight after <textarea>.
            self.forms[-1].append((name, text.removeprefix("\r").removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data


def form_with(html, suffix):
    """The fields, as a dict, of the page's form that has a field named ...`suffix`."""
    reader = FormReader()
    reader.feed(html)
    for fields in reader.forms:
        if any(name.endswith(suffix) for name, _ in fields):
            return dict(fields)
    raise AssertionError(f"no form with a ...{suffix} field on the page")


def expect(response, status, text=None):
    """Mark the response failed, with a reason, unless it has `status` and contains `text`."""
    if response.status_code != status:
        response.failure(f"expected {status}, got {response.status_code} from {response.url}")
        return False
    if text is not None and text not in response.text:
        response.failure(f"{response.url} does not say {text!r}")
        return False
    response.success()
    return True


def saved(response, what, text):
    """True if the save went through (302). A 409 saying `text` (someone else saved first)
    is a success too, under its own name; anything else is a failure."""
    if response.status_code == 409 and text in response.text:
        response.request_meta["name"] += CONFLICT
        response.success()
        return False
    if response.status_code == 200:
        response.failure(f"{what} was refused: the form came back with errors")
        return False
    return expect(response, 302)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = None

    def on_start(self):
        login_url = "/accounts/login/"
        if not self.page(login_url, "sign-in page", 'name="username"'):
            raise StopUser
        token = self.client.cookies.get("csrftoken")
        with self.client.post(login_url, name="sign in", catch_response=True, data={
            "csrfmiddlewaretoken": token, "username": self.username, "password": CONFIG["password"],
        }, headers={"Referer": self.host + login_url}) as landed:
            if landed.status_code == 200 and not (
                    landed.url.endswith(f"/{SLUG}/") and "Sign out" in landed.text):
                landed.failure(f"{self.username} did not land signed in: {landed.url}")
                raise StopUser
            if not expect(landed, 200):
                raise StopUser

    def page(self, path, name, text):
        """GET a page; the response if it came back 200 and says `text`, else None."""
        with self.client.get(path, name=name, catch_response=True) as response:
            return response if expect(response, 200, text) else None

    def post(self, path, name, data):
        return self.client.post(path, name=name, data=data, allow_redirects=False,
                                catch_response=True, headers={"Referer": self.host + path})

    def performance_report(self):
        self.page(f"/{SLUG}/performance/", "performance report", "<h1 class=\"govuk-heading-xl\">"
                                                                   "Performance ")


class PerformanceOfficer(PortalUser):
    """Enters the open quarter's actuals, a line at a time, saving drafts."""

    weight = 20
    username = f"{SLUG}-performance"

    @task(4)
    def enter_actuals(self):
        path = f"/{SLUG}/performance/{CONFIG['period_pk']}/entry/"
        page = self.page(path, "actuals entry", "Save as draft")
        if page is None:
            return
        fields = form_with(page.text, "-version")
        lines = sorted(name.removesuffix("-value") for name in fields
                       if name.endswith("-value"))
        if not lines:
            raise AssertionError("the actuals entry page has no indicator lines")
        line = random.choice(lines)
        fields[f"{line}-value"] = str(plausible(fields[f"{line}-value"]))
        fields["action"] = "draft"
        with self.post(path, "save actuals", fields) as response:
            if saved(response, "save actuals", "Someone else saved some of these figures"):
                self.page(response.headers["Location"], "actuals entry", "saved as draft")

    @task(1)
    def read_report(self):
        self.performance_report()


def plausible(value):
    """A new figure near the one there, or a fresh one if the line is empty."""
    if not value:
        return Decimal(random.randint(10, 900)) / 10
    current = Decimal(value)
    return (current * Decimal(random.uniform(0.9, 1.1))).quantize(Decimal("0.1"))


class LeadOfficer(PortalUser):
    """Lindsay Davidson keeping the milestones of her priorities up to date."""

    weight = 15
    username = f"{SLUG}-lead"

    @task(3)
    def update_milestone(self):
        path = f"/{SLUG}/milestones/{random.choice(CONFIG['milestone_pks'])}/update/"
        page = self.page(path, "milestone update", "Update milestone")
        if page is None:
            return
        fields = form_with(page.text, "version")
        if fields.get("status") != "complete":
            fields["status"] = random.choice(OPEN_STATUSES)
        fields["progress_note"] = (f"Load test update {random.randint(1, 10**6)}: partners "
                                   "met and agreed the next steps.")
        fields["save"] = "Save update"
        with self.post(path, "save milestone", fields) as response:
            if saved(response, "save milestone", "Someone else updated this milestone"):
                self.page(response.headers["Location"], "milestone", "Milestone updated")

    @task(1)
    def milestones(self):
        self.page(f"/{SLUG}/milestones/", "milestones", "<h1 class=\"govuk-heading-xl\">"
                                                         "Milestones</h1>")


class BoardMember(PortalUser):
    """Reads the performance report and the published pack for the next meeting."""

    weight = 15
    username = f"{SLUG}-board"

    def meeting_path(self):
        return f"/{SLUG}/meetings/{CONFIG['meeting_pk']}/"

    def pack_path(self):
        return f"{self.meeting_path()}packs/{CONFIG['pack_number']}/"

    @task(2)
    def read_report(self):
        self.performance_report()

    @task(1)
    def meeting(self):
        self.page(self.meeting_path(), "meeting", f'href="{self.pack_path()}pack.pdf"')

    @task(2)
    def pack(self):
        self.page(self.pack_path(), "pack", 'class="app-pack"')

    @task(1)
    def pack_pdf(self):
        with self.client.get(f"{self.pack_path()}pack.pdf", name="pack PDF",
                             catch_response=True) as response:
            if expect(response, 200) and not response.content.startswith(b"%PDF"):
                response.failure("pack.pdf is not a PDF")
