"""A database that stays busy past its wait answers "try again", never a server error.

On SQLite one request writes at a time; the others wait (see DATABASES in settings). One that
waits longer than SQLITE_TIMEOUT_SECONDS is told the portal is busy, and nothing is saved.
"""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("trust_portal")


def is_busy(exception):
    return isinstance(exception, OperationalError) and "locked" in str(exception).lower()


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        logger.warning("Database busy for %s %s: %s", request.method, request.path, exception)
        # A page of its own, reading nothing from the database that is busy.
        return HttpResponse(render_to_string("core/busy.html"), status=503,
                            headers={"Retry-After": "5"})
