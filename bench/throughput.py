"""Requests per second under gunicorn with 2 workers: the performance report of a
partnership with 200 indicators, against the login page, which does almost nothing.

The report's figures are cached until they change, so most readings are served from the
cache; the time of a reading right after a change, with nothing cached, is given too."""

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .server import gunicorn

CLIENTS = 4
SECONDS = 10


def requests_per_second(url, cookie=""):
    """Completed requests per second of CLIENTS keeping one request each in flight."""
    parts = urlsplit(url)
    headers = {"Cookie": cookie} if cookie else {}

    def keep_asking(deadline):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        answered = 0
        while time.monotonic() < deadline:
            connection.request("GET", parts.path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{parts.path} answered {response.status}")
            answered += 1
        return answered

    keep_asking(time.monotonic())  # once, to warm the workers
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        answered = sum(pool.map(keep_asking, [started + SECONDS] * CLIENTS))
    return answered / (time.monotonic() - started)


def seconds_with_nothing_cached(client, url, times=10):
    """Mean seconds of a reading in this process with the cache emptied before each."""
    total = 0
    for _ in range(times):
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        total += time.perf_counter() - started
    return total / times


def measure(partnership, reader):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    path = reverse("performance_report", args=[partnership.slug])
    first_reading = seconds_with_nothing_cached(client, path)
    with gunicorn() as base_url:
        report = requests_per_second(base_url + path, cookie)
        login = requests_per_second(base_url + reverse("login"))
    return [("performance report, requests per second", f"{report:.1f}"),
            ("login page, requests per second", f"{login:.1f}"),
            ("ratio (goal at least 0.25)", f"{report / login:.2f}"),
            ("performance report right after a change (nothing cached), in one process",
             f"{first_reading * 1000:.0f} ms")]
