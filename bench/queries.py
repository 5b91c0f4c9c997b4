"""SQL queries per page of the smoke crawl, on the demo as loaded and grown tenfold.

Pages are grouped by their URL pattern: a page whose queries grow with the data would show a
larger count at 10x than at 1x for the same pattern. Each page is counted at its worst, with
nothing cached. A session's renewal, written at most once a minute whatever the page
(IdleSessionMiddleware), is left out so that it does not land on whichever page is read when
the minute is up.
"""

from collections import defaultdict
from unittest import mock

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import resolve

from tests.crawl import crawl
from trust_portal.core.security import IdleSessionMiddleware

from .grow import grow

LIMIT = 20
CRAWLERS = ["admin", "wirral-lead", "leeds-lead"]


class CountingClient(Client):
    """A test client that notes on each response the queries it took: after a redirect is
    followed, the final page's own count."""

    def request(self, **request):
        cache.clear()
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        # Not CaptureQueriesContext: it reads Django's query log, which keeps only the last
        # 9,000 queries, so past that (well within one crawl) every page would count 0.
        with connection.execute_wrapper(count):
            response = super().request(**request)
        response.queries = len(queries)
        return response


def queries_by_pattern():
    """{URL pattern name: (pages, fewest queries, most queries)} over every crawler's pages."""
    counts = defaultdict(list)
    with mock.patch.object(IdleSessionMiddleware, "RENEW_AFTER", float("inf")):
        for username in CRAWLERS:
            client = CountingClient(HTTP_HOST="127.0.0.1")
            client.force_login(User.objects.get(username=username))
            for url, response in crawl(client):
                counts[resolve(url.split("?")[0]).view_name].append(response.queries)
    return {name: (len(found), min(found), max(found)) for name, found in counts.items()}


def measure_before_and_after_growing(factor=10):
    before = queries_by_pattern()
    grow(factor)
    return before, queries_by_pattern()


def figures(before, after):
    names = sorted(before.keys() | after.keys())
    rows = []
    for name in names:
        pages_1x, low_1x, high_1x = before.get(name, (0, 0, 0))
        pages_10x, low_10x, high_10x = after.get(name, (0, 0, 0))
        rows.append((name, f"1x: {pages_1x:>3} pages, {low_1x:>2}-{high_1x:<2} queries   "
                           f"10x: {pages_10x:>4} pages, {low_10x:>2}-{high_10x:<2} queries"))
    equal = all(before.get(name, (0,))[1:] == after.get(name, (0,))[1:] for name in names)
    worst = max(high for _, _, high in [*before.values(), *after.values()])
    rows.append(("the same at 1x and 10x, for every pattern", "yes" if equal else "NO"))
    rows.append((f"most queries on any page (goal at most {LIMIT})", worst))
    return rows
