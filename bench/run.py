"""`make bench`: the portal's figures, each measured in this run on a fresh demo database."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trust_portal.settings")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="trust-portal-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench import pack  # noqa: E402
from trust_portal.demo.loaders import load_partnership  # noqa: E402


def report(title, figures):
    print(f"\n{title}")
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        print(f"  {label.ljust(width)}  {value}")


def main():
    call_command("migrate", verbosity=0)
    load_partnership("wirral")
    print(f"Trust Portal benchmark (database: {django.db.connection.vendor})")
    pack.run(report)


if __name__ == "__main__":
    main()
