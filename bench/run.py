"""`make bench`: the portal's figures, each measured in this run on a fresh demo database."""

import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trust_portal.settings")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="trust-portal-bench-"))
# One key for this process and the gunicorn server it starts, so its sessions are good there.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench import entry, pack, queries, throughput  # noqa: E402
from bench.grow import partnership_with_indicators  # noqa: E402
from indicators.models import Indicator  # noqa: E402
from trust_portal.core.models import Role  # noqa: E402

INDICATORS = 200


def report(title, figures):
    print(f"\n{title}")
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        print(f"  {label.ljust(width)}  {value}")


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"Trust Portal benchmark (database: {django.db.connection.vendor})")
    pack.run(report)

    demo_indicators = Indicator.objects.count()
    before, after = queries.measure_before_and_after_growing(10)
    report(f"SQL queries per page of the smoke crawl, by URL pattern: the demo "
           f"({demo_indicators} indicators) and ten times the demo "
           f"({Indicator.objects.count()} indicators)", queries.figures(before, after))

    partnership, period, users = partnership_with_indicators(INDICATORS)
    report(f"Submitting one quarter's actuals for {INDICATORS} indicators",
           entry.measure_submit(partnership, period, users[Role.PERFORMANCE_OFFICER]))
    report(f"Under gunicorn with 2 workers, {throughput.CLIENTS} clients for "
           f"{throughput.SECONDS} s each",
           throughput.measure(partnership, users[Role.BOARD_MEMBER]))


if __name__ == "__main__":
    main()
