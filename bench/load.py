"""`make load`: 50 simulated users for 2 minutes against gunicorn and PostgreSQL on 127.0.0.1.

Officers enter actuals, lead officers update milestones, board members read the performance
report and download the published pack (see bench/locustfile.py). The demo is loaded into a
database of its own, dropped again at the end. Prints requests per second, p50 and p95 latency
per page and any errors, and exits non-zero if there was one: the bar is 0 errors.

LOAD_DATABASE_URL names the database (dropped and created afresh), LOAD_USERS and LOAD_SECONDS
change the load, e.g. `LOAD_USERS=10 LOAD_SECONDS=20 .venv/bin/python bench/load.py`.
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import gunicorn  # noqa: E402

DATABASE_URL = os.environ.get("LOAD_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/trust_portal_load")
USERS = int(os.environ.get("LOAD_USERS", 50))
SECONDS = int(os.environ.get("LOAD_SECONDS", 120))
SPAWN_RATE = 10
CONFLICT = " (told of a conflict)"
START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"


def maintenance(action):
    """Run `action(cursor, name)` on the server's `postgres` database, outside a transaction."""
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    try:
        connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    except psycopg2.OperationalError as error:
        sys.exit(f"Cannot reach PostgreSQL at {parts.hostname}:{parts.port or 5432} for the "
                 f"load test ({str(error).strip()}).\nStart it, e.g. with: {START_POSTGRES}\n"
                 "or name another server in LOAD_DATABASE_URL.")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            action(cursor, sql.Identifier(name))
    finally:
        connection.close()


def recreate_database():
    def recreate(cursor, name):
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    maintenance(recreate)


def drop_database():
    maintenance(lambda cursor, name: cursor.execute(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)))


def set_up_demo():
    """Load the demo, with Wirral's published pack; returns what the simulated users need."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from indicators.models import ReportingPeriod
    from priorities.models import Milestone
    from trust_portal.boards.models import Meeting
    from trust_portal.demo.loaders import DEMO_PASSWORD

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.filter(partnership__slug="wirral").latest("date")
    pack = meeting.packs.published().order_by("number").last()
    if pack is None:
        sys.exit(f"The demo's pack for {meeting.date:%-d %B %Y} is not published")
    lead = User.objects.get(username="wirral-lead").people.get()
    milestones = Milestone.objects.for_partnership(meeting.partnership).filter(
        action__priority__lead_officers=lead).distinct()
    config = {
        "period_pk": ReportingPeriod.objects.get(partnership__slug="wirral", is_open=True).pk,
        "meeting_pk": meeting.pk,
        "pack_number": pack.number,
        "milestone_pks": sorted(milestones.values_list("pk", flat=True)),
        "password": DEMO_PASSWORD,
    }
    if not config["milestone_pks"]:
        sys.exit(f"{lead} leads no priority with milestones in the demo")
    django.db.connections.close_all()
    return config


def run_locust(base_url, work):
    """Run the simulated users; returns locust's exit status and the CSV files' prefix."""
    prefix = work / "load"
    log = work / "locust.log"
    print(f"{USERS} simulated users for {SECONDS} s against {base_url}...", flush=True)
    with log.open("w") as output:
        finished = subprocess.run(
            [str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "bench" /
             "locustfile.py"), "--headless", "-u", str(USERS), "-r", str(SPAWN_RATE),
             "-t", f"{SECONDS}s", "--host", base_url, "--csv", str(prefix), "--only-summary"],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, check=False)
    if not Path(f"{prefix}_stats.csv").exists():
        print(log.read_text(), file=sys.stderr)
        sys.exit(f"locust stopped without figures (exit status {finished.returncode})")
    return finished.returncode, prefix


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def report(prefix):
    """Print the figures per page; returns the number of errors."""
    stats = read_csv(f"{prefix}_stats.csv")
    pages = sorted((row for row in stats if row["Name"] != "Aggregated"),
                   key=lambda row: row["Name"])
    total = next(row for row in stats if row["Name"] == "Aggregated")
    width = max(len(row["Name"]) for row in stats)
    header = ["requests", "req/s", "p50 ms", "p95 ms", "errors"]
    print(f"\n  {'page'.ljust(width)}  " + "  ".join(f"{h:>8}" for h in header))
    for row in [*pages, None, total]:
        if row is None:
            print("  " + "-" * (width + 2 + 10 * len(header) - 2))
            continue
        figures = [row["Request Count"], f"{float(row['Requests/s']):.1f}", row["50%"],
                   row["95%"], row["Failure Count"]]
        print(f"  {row['Name'].ljust(width)}  " + "  ".join(f"{f:>8}" for f in figures))

    conflicts = sum(int(row["Request Count"]) for row in pages if row["Name"].endswith(CONFLICT))
    print(f"\n  Saves told someone else saved first (409): {conflicts}")
    failures = read_csv(f"{prefix}_failures.csv")
    exceptions = read_csv(f"{prefix}_exceptions.csv")
    errors = int(total["Failure Count"]) + sum(int(row["Count"]) for row in exceptions)
    print(f"  Errors: {errors}")
    for row in failures:
        print(f"    {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    for row in exceptions:
        print(f"    {row['Count']} x exception in the load test: {row['Message']}")
        print(textwrap.indent(row["Traceback"].strip(), "      "))
    return errors


def main():
    recreate_database()
    work = Path(tempfile.mkdtemp(prefix="trust-portal-load-"))
    data_dir = work / "data"
    data_dir.mkdir()
    outcome = 1
    try:
        os.environ.update(DJANGO_SETTINGS_MODULE="trust_portal.settings",
                          DATABASE_URL=DATABASE_URL, DATA_DIR=str(data_dir))
        # Tell no one of the published pack: keep the emails in memory, here and in gunicorn.
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
        print(f"Loading the demo into {urlsplit(DATABASE_URL).path.lstrip('/')}...", flush=True)
        config = set_up_demo()
        config_file = work / "load.json"
        config_file.write_text(json.dumps(config))
        os.environ["LOAD_CONFIG"] = str(config_file)
        with gunicorn() as base_url:
            status, prefix = run_locust(base_url, work)
        print(f"\nTrust Portal under load: {USERS} users for {SECONDS} s, gunicorn with 2 "
              "workers, PostgreSQL")
        errors = report(prefix)
        if status and not errors:
            print(f"  locust exited with status {status}: see its log")
        outcome = 1 if errors else status
        return outcome
    finally:
        drop_database()
        shutil.rmtree(data_dir, ignore_errors=True)
        if outcome:
            print(f"  The run's files (locust's CSV and log) are kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
