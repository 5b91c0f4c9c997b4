"""One quarter's entry for many indicators: the queries and seconds of the officer's submit."""

import time

from django.urls import reverse

from indicators.models import Actual
from tests.forms import entry_line

from .queries import CountingClient


def entry_form(period, value):
    """What the entry page posts when the officer changes every actual and submits."""
    data = {"action": "submit"}
    for actual in Actual.objects.filter(period=period).select_related("indicator"):
        data.update(entry_line(actual.indicator, actual.version, value=value, context="Context",
                               corrective_action="Action"))
    return data


def measure_submit(partnership, period, officer):
    client = CountingClient(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    url = reverse("actuals_entry", args=[partnership.slug, period.pk])
    client.get(url)  # the officer opens the page first, which also renews their new session
    data = entry_form(period, "98")
    started = time.perf_counter()
    response = client.post(url, data)
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.content[:2000]
    submitted = Actual.objects.filter(period=period, status=Actual.Status.SUBMITTED).count()
    return [("indicators submitted", submitted), ("queries", response.queries),
            ("seconds", f"{seconds:.2f}")]
