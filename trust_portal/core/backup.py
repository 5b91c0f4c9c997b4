"""Backups: the database and the stored files (published packs, uploaded appendices) in one file.

On PostgreSQL the database goes through pg_dump and pg_restore; on SQLite through Django's
dumpdata and loaddata. Either way a backup is one .tar.gz that restores into an empty database.
"""

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

POSTGRES_DUMP = "database.pgdump"
# XML rather than JSON: Django's JSON keeps times to the millisecond only.
DJANGO_DUMP = "database.xml"
FILES = "files"
# Rebuilt by migrate, or per-session: no need to keep them.
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database"]


def _postgres_arguments():
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    arguments = ["--host", settings.get("HOST") or "localhost",
                 "--port", str(settings.get("PORT") or 5432),
                 "--username", settings.get("USER") or "postgres"]
    return arguments, environment, settings["NAME"]


def back_up(path):
    """Write the whole portal to the .tar.gz at `path`."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w:gz") as archive:
        if connection.vendor == "postgresql":
            dump = Path(work) / POSTGRES_DUMP
            arguments, environment, name = _postgres_arguments()
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", *arguments,
                            "--file", str(dump), name], env=environment, check=True)
        else:
            dump = Path(work) / DJANGO_DUMP
            call_command("dumpdata", exclude=LEFT_OUT, natural_foreign=True, format="xml",
                         output=str(dump), verbosity=0)
        archive.add(dump, arcname=dump.name)
        root = Path(default_storage.location)
        if root.exists():
            archive.add(root, arcname=FILES)


def restore(path):
    """Restore the portal from a backup into this (migrated, empty) database."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        if (Path(work) / POSTGRES_DUMP).exists():
            arguments, environment, name = _postgres_arguments()
            subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                            "--single-transaction", *arguments, "--dbname", name,
                            str(Path(work) / POSTGRES_DUMP)], env=environment, check=True)
        else:
            call_command("loaddata", str(Path(work) / DJANGO_DUMP), verbosity=0)
        files = Path(work) / FILES
        for stored in files.rglob("*") if files.exists() else []:
            if stored.is_file():
                name = str(stored.relative_to(files))
                default_storage.delete(name)
                default_storage.save(name, io.BytesIO(stored.read_bytes()))
