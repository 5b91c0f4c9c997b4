"""Render one meeting's pack in a fresh process and print its peak memory in KB."""

import resource
import sys

import django

django.setup()

from trust_portal.boards.models import Meeting  # noqa: E402
from trust_portal.boards.pack import Audience, render_pack  # noqa: E402

render_pack(Meeting.objects.get(pk=sys.argv[1]), Audience.MEMBERS)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
