"""The wall, crawled: outside it, no page, download, admin page or pack of the portal shows a
review's reference or any of its text; inside it, the same crawl finds them.

Each persona crawls every address of the access matrix, every link those pages lead to, the
admin site's pages and the published pack's PDFs (their text, as pdftotext reads it).
"""

import html
import re
import subprocess
from collections import deque

import pytest
from django.test import Client
from django.urls import reverse

from safeguarding.papers import UPDATE
from safeguarding.testing import REVIEW_MARKS
from trust_portal.boards.publication import request_publication
from trust_portal.boards.testing import add_paper

from .conftest import build_world, shared_by_module
from .crawl import LINK
from .test_access_matrix import PAGES

OUTSIDE_THE_WALL = ["anonymous", "performance_officer", "lead_officer", "other_lead_officer",
                    "board_member", "commissioner", "outsider", "south_safeguarding_lead"]
ADMIN_PAGES_AT_MOST = 300
NOT_FOLLOWED = ("/static/", "/accounts/logout/", "/admin/logout/")


def leak_world():
    world = build_world()
    add_paper(world, UPDATE, world.safeguarding_update.pk)
    world.users["outsider"].is_staff = True  # a south administrator in the admin site too
    world.users["outsider"].save()
    world.users["safeguarding_lead"].is_staff = True  # staff without the administrator role
    world.users["safeguarding_lead"].save()
    world.pack = request_publication(world.meeting, user=world.users["administrator"],
                                     reason="The safeguarding update added", background=False)
    return world


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, module_media):
    yield from shared_by_module(django_db_blocker, module_media, leak_world)


@pytest.fixture
def world(shared_world, db):
    return shared_world


def text_of(response):
    if response.get("Content-Type", "").startswith("application/pdf"):
        content = b"".join(response.streaming_content) if response.streaming else \
            response.content
        read = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                              capture_output=True)
        # The test world's first pack stores placeholder bytes, not a PDF: read them as they are.
        return read.stdout.decode() if read.returncode == 0 else content.decode(errors="replace")
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def starting_points(world):
    """Every address of the portal: each page of the access matrix, and the admin's index."""
    urls = {"/", "/admin/"}
    for name, page in PAGES.items():
        try:
            urls.add(reverse(name, kwargs=page.kwargs(world)))
        except AttributeError:
            continue
    return urls


def crawl_everything(client, world):
    """(url, text) of every page reachable from every address, GET only."""
    queue = deque(sorted(starting_points(world)))
    seen, admin_pages = set(queue), 0
    while queue:
        url = queue.popleft()
        response = client.get(url, follow=True)
        text = text_of(response)
        yield url, text
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in LINK.findall(text):
            link = html.unescape(link)
            if link in seen or link.startswith(NOT_FOLLOWED):
                continue
            if link.startswith("/admin/"):
                if admin_pages >= ADMIN_PAGES_AT_MOST or re.search(r"[?&](o|p|q)=", link):
                    continue  # sorted, paged and searched lists show the same rows
                admin_pages += 1
            seen.add(link)
            queue.append(link)


def client_for(world, persona):
    client = Client()
    user = world.south_safeguarding_lead if persona == "south_safeguarding_lead" else \
        world.users.get(persona)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", OUTSIDE_THE_WALL)
def test_outside_the_wall_no_page_shows_a_review(world, persona):
    client = client_for(world, persona)
    leaks = [(url, mark) for url, text in crawl_everything(client, world)
             for mark in REVIEW_MARKS if mark in text]
    assert leaks == []


@pytest.mark.parametrize("persona", ["safeguarding_lead", "administrator"])
def test_inside_the_wall_the_same_crawl_finds_every_mark(world, persona):
    client = client_for(world, persona)
    pages = list(crawl_everything(client, world))
    found = {mark for _, text in pages for mark in REVIEW_MARKS if mark in text}
    assert found == set(REVIEW_MARKS)
    admin_pages = {url for url, _ in pages if url.startswith("/admin/safeguarding/review/")}
    assert bool(admin_pages) is (persona == "administrator")


def test_the_pack_carries_the_update_and_nothing_of_the_register(world):
    client = client_for(world, "board_member")
    pdf = client.get(reverse("pack_pdf", args=[world.north.slug, world.meeting.pk,
                                               world.pack.number]))
    text = " ".join(text_of(pdf).split())
    assert "Agreed an escalation policy" in text and "Child protection indicators" in text
    assert not any(mark in text for mark in REVIEW_MARKS)
