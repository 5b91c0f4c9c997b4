"""Every page of the demo, checked with axe-core in headless Chromium and the W3C Nu checker.

The bar: no serious or critical finding against the WCAG 2.2 A and AA rules, at 1280 px and
at a phone's 390 px, on every page the smoke crawl reaches for each kind of user, on the
public papers, and on forms showing their errors; no page wider than a 390 px screen (wide
tables scroll in their own region); every page the crawl reaches valid HTML by the Nu
checker (npm's vnu-jar, on Java), with its headings in order.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import resolve, reverse

from indicators.models import ReportingPeriod
from trust_portal.boards.models import Meeting
from trust_portal.boards.publication import request_publication
from trust_portal.demo.loaders import DEMO_PASSWORD

from .conftest import load_demo
from .crawl import crawl

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
HEADING = re.compile(r"<h([1-6])\b")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
WIDE, NARROW = 1280, 390
# What sticks out past the right edge of the screen, outside any region that scrolls itself.
WIDER_THAN_THE_SCREEN = """() => {
  const edge = document.documentElement.clientWidth, width = document.documentElement.scrollWidth;
  if (width <= edge) return [];
  const scrollsItself = el => el.closest('.app-table-region');
  return ['the page is ' + width + ' px wide', ...[...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > edge + 1 && !scrollsItself(el))
    .map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' ends at ' + Math.round(el.getBoundingClientRect().right) + ' px')
    .slice(0, 5)];
}"""
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


def narrow_findings(page):
    """On a 390 px screen, what makes the page scroll sideways, as "too wide: ..." lines."""
    return [f"too wide: {line}" for line in page.evaluate(WIDER_THAN_THE_SCREEN)]


def sign_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")


def html_pages(username, start="/"):
    """The smoke crawl's HTML pages for this user (anonymous when username is None), as
    {url: the HTML the portal sent}."""
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return {url: response.content.decode() for url, response in crawl(client, start)
            if response.status_code == 200
            and response["Content-Type"].startswith("text/html")}


def heading_jumps(html):
    """Where a heading skips a level going down (h1 then h3), as "h1 -> h3"."""
    levels = [int(level) for level in HEADING.findall(html)]
    return [f"h{before} -> h{after}" for before, after in zip(levels, levels[1:], strict=False)
            if after > before + 1]


@pytest.mark.parametrize(("html", "jumps"), [
    ("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>", []),
    ("<h1>a</h1><h3>b</h3>", ["h1 -> h3"]),
    ("<h2>a</h2><h1>b</h1><h2>c</h2>", []),
])
def test_heading_jumps(html, jumps):
    assert heading_jumps(html) == jumps


def nu_errors(pages, folder):
    """The Nu checker's errors in the pages ({url: html}), as "url: message (where)"."""
    urls = {}
    for number, (url, html) in enumerate(pages.items()):
        (folder / f"page{number}.html").write_text(html, encoding="utf-8")
        urls[f"page{number}.html"] = url
    checked = subprocess.run([JAVA, "-jar", str(VNU), "--format", "json", "--errors-only",
                              *sorted(map(str, folder.glob("*.html")))],
                             capture_output=True, text=True, timeout=600)
    return [f"{urls[Path(message['url']).name]}: {message['message']} ({where(message)})"
            for message in json.loads(checked.stderr)["messages"]]


def where(message):
    start = message.get("hiliteStart", 0)
    return message.get("extract", "")[start:start + message.get("hiliteLength", 80)]


@pytest.mark.skipif(not JAVA or not VNU.exists(),
                    reason="needs Java and npm's vnu-jar: run `make static` and install a JRE")
def test_the_nu_checker_reports_invalid_html(tmp_path):
    page = ('<!DOCTYPE html><html lang="en"><title>T</title>'
            '<select label-size="small"><option>A</option></select>')
    assert nu_errors({"/paper/": page}, tmp_path) == [
        '/paper/: Attribute “label-size” not allowed on element “select” at '
        'this point. (<select label-size="small">)']


@pytest.fixture
def demo_with_published_pack(transactional_db):
    load_demo()
    meeting = Meeting.objects.filter(partnership__slug="wirral").latest("date")
    request_publication(meeting, user=User.objects.get(username="admin"))


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm: run `make static`")
def test_every_page_of_the_demo_passes_axe(demo_with_published_pack, live_server, browser_page,
                                           tmp_path):
    page, base = browser_page, live_server.url
    findings, checked, sent, axed = {}, set(), {}, set()

    def check(url, state=""):
        """Every page is checked for width on a phone; axe runs on each kind of page (a view,
        for each user and state) at both widths: pages of one view share their markup, and
        the Nu checker reads every page's HTML."""
        view = (resolve(urlsplit(url).path).url_name, state)
        first = view not in axed
        axed.add(view)
        for width in (WIDE, NARROW):
            page.set_viewport_size({"width": width, "height": 800})
            found = (axe_findings(page) if first else []) + (
                narrow_findings(page) if width == NARROW else [])
            if found:
                findings[f"{url} at {width} px {state}".strip()] = found
        page.set_viewport_size({"width": WIDE, "height": 800})

    public = html_pages(None, "/public/wirral/")
    sent.update(public)
    for url in [*public, "/accounts/login/", "/accessibility/"]:
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
    # The officer submits a figure, and a performance manager returns it without saying why.
    page.locator("input[name$=-value]").first.fill("12")
    with page.expect_navigation():
        page.click("button[value=submit]")
    sign_in(page, base, "wirral-manager")
    sign_off = reverse("sign_off_period", args=["wirral", open_period.pk])
    page.goto(base + sign_off)
    check(sign_off, "(a figure waiting)")
    page.click(".govuk-details__summary")
    with page.expect_navigation():
        page.click("button[value^=return]")
    page.wait_for_selector(".govuk-error-summary")
    check(sign_off, "(with errors)")

    for username in PERSONAS:
        sign_in(page, base, username)
        pages = html_pages(username)
        sent.update((url, html) for url, html in pages.items() if url not in sent)
        for url in pages:
            if url in checked and url != "/":
                continue
            page.goto(base + url)
            check(url, f"({username})")
            checked.add(url)

    print(f"checked {len(checked)} pages at 1280 and 390 px, axe-core {len(axed)} kinds")
    assert len(checked) > 300 and len(axed) > 50
    assert not findings, "\n".join(
        f"{url}\n  " + "\n  ".join(lines) for url, lines in findings.items())
    assert {url: jumps for url, html in sent.items() if (jumps := heading_jumps(html))} == {}
    if JAVA and VNU.exists():
        assert nu_errors(sent, tmp_path) == []


def test_the_width_check_finds_what_widens_a_phone_screen(browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 800})
    browser_page.set_content(
        '<html lang="en"><title>T</title><body style="margin:0">'
        '<div class="app-table-region" style="overflow-x:auto"><table><tr><td>'
        '<div style="width:900px">scrolls in its own region</div></td></tr></table></div>'
        '<p class="wide" style="width:600px">widens the page</p></body></html>')
    assert narrow_findings(browser_page) == ["too wide: the page is 600 px wide",
                                             "too wide: p.wide ends at 600 px"]


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm: run `make static`")
def test_axe_reports_what_a_screen_reader_user_would_miss(browser_page):
    browser_page.set_content(
        '<html lang="en"><title>T</title><main><img src="chart.png">'
        '<input id="value"><a href="/next"></a></main></html>')
    rules = {line.split(":")[0] for line in axe_findings(browser_page)}
    assert rules == {"critical image-alt", "critical label", "serious link-name"}
