"""A lead officer updates a milestone in a real browser, with the keyboard alone."""

import os
import shutil

import pytest

from priorities.models import Milestone

from .conftest import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="needs Chromium: run `make system-deps` (Debian: apt-get install chromium)",
    ),
]


@pytest.fixture
def browser_page(live_server, monkeypatch):
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


def test_lead_officer_updates_a_milestone_with_the_keyboard(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")  # skip link
    page.focus("#id_username")
    page.keyboard.type("lead_officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/north/")
    assert "Priorities you lead" in page.content()

    page.goto(f"{live_server.url}/north/milestones/{world.milestone.pk}/update/")
    page.focus("input[name=status][value=on_track]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Draft strategy out to consultation")
    page.get_by_role("button", name="Save update").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/north/milestones/{world.milestone.pk}/")
    assert "Milestone updated" in page.content()

    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert milestone.status == Milestone.Status.ON_TRACK
    assert milestone.progress_note == "Draft strategy out to consultation"
