"""Every page of the demo, checked with axe-core in headless Chromium.

The bar: no serious or critical finding against the WCAG 2.2 A and AA rules, on every page
the smoke crawl reaches for each kind of user, on the public papers, and on forms showing
their errors.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from indicators.models import ReportingPeriod
from trust_portal.boards.models import Meeting
from trust_portal.boards.publication import request_publication
from trust_portal.demo.loaders import DEMO_PASSWORD

from .conftest import load_demo
from .crawl import crawl

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
# Each persona's crawl checks only the pages an earlier one has not: the administrator sees
# nearly everything, the others their own home page and what their role adds.
PERSONAS = ["admin", "wirral-lead", "wirral-performance", "wirral-board", "wirral-commissioner"]


def axe_findings(page):
    """Serious and critical WCAG 2.2 AA findings on the page as it stands, one line each."""
    page.evaluate(AXE.read_text())  # evaluated by the browser's debugger, so the CSP allows it
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", WCAG_22_AA)
    return [f"{rule['impact']} {rule['id']}: {rule['help']} at {node['target']}"
            for rule in results["violations"] if rule["impact"] in BLOCKING
            for node in rule["nodes"]]


def sign_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")


def html_pages(username, start="/"):
    """The smoke crawl's HTML pages for this user (anonymous when username is None)."""
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return [url for url, response in crawl(client, start)
            if response.status_code == 200
            and response["Content-Type"].startswith("text/html")]


@pytest.fixture
def demo_with_published_pack(transactional_db):
    load_demo()
    meeting = Meeting.objects.filter(partnership__slug="wirral").latest("date")
    request_publication(meeting, user=User.objects.get(username="admin"))


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm: run `make static`")
def test_every_page_of_the_demo_passes_axe(demo_with_published_pack, live_server, browser_page):
    page, base = browser_page, live_server.url
    findings, checked = {}, set()

    def check(url, state=""):
        found = axe_findings(page)
        if found:
            findings[f"{url} {state}".strip()] = found

    for url in html_pages(None, "/public/wirral/") + ["/accounts/login/", "/accessibility/"]:
        page.goto(base + url)
        check(url, "(signed out)")
        checked.add(url)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "not the password")
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_selector(".govuk-error-summary")
    check("/accounts/login/", "(wrong password)")

    sign_in(page, base, "wirral-performance")
    open_period = ReportingPeriod.objects.get(partnership__slug="wirral", is_open=True)
    entry = reverse("actuals_entry", args=["wirral", open_period.pk])
    page.goto(base + entry)
    page.locator("input[name$=-value]").first.fill("not a number")
    with page.expect_navigation():
        page.click("button[value=submit]")
    check(entry, "(with errors)")

    for username in PERSONAS:
        sign_in(page, base, username)
        for url in html_pages(username):
            if url in checked and url != "/":
                continue
            page.goto(base + url)
            check(url, f"({username})")
            checked.add(url)

    print(f"axe-core checked {len(checked)} pages")
    assert len(checked) > 300
    assert not findings, "\n".join(
        f"{url}\n  " + "\n  ".join(lines) for url, lines in findings.items())


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm: run `make static`")
def test_axe_reports_what_a_screen_reader_user_would_miss(browser_page):
    browser_page.set_content(
        '<html lang="en"><title>T</title><main><img src="chart.png">'
        '<input id="value"><a href="/next"></a></main></html>')
    rules = {line.split(":")[0] for line in axe_findings(browser_page)}
    assert rules == {"critical image-alt", "critical label", "serious link-name"}
