"""Security events in the log: failed sign-ins and refused pages, with who and from where;
and the end of idle sessions."""

import logging
import time

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("trust_portal.security")


def client_address(request):
    return get_client_ip_address(request) if request is not None else "unknown address"


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    logger.warning("Failed sign-in for %r from %s", credentials.get("username"),
                   client_address(request))


def log_refusal(request, reason):
    logger.warning("Refused %s %s to %s from %s: %s", request.method, request.path,
                   request.user, client_address(request), reason)


class RefusalLogMiddleware:
    """Log every page refused to a signed-in user for lack of a role."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            log_refusal(request, "forbidden for their roles")
        return response


class IdleSessionMiddleware:
    """Keep a session alive while it is used: each request pushes its expiry back to
    SESSION_COOKIE_AGE from now, so only inactivity ends it. The renewal is written at most
    once a minute, so reading pages does not write to the database on every request; a session
    therefore ends between SESSION_COOKIE_AGE less a minute and SESSION_COOKIE_AGE after its
    last request."""

    RENEWED = "renewed_at"
    RENEW_AFTER = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        now = int(time.time())
        if not session.is_empty() and now - session.get(self.RENEWED, 0) >= self.RENEW_AFTER:
            session[self.RENEWED] = now  # saving the session sets its new expiry
        return response
