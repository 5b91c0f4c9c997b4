"""Backups: the database and the stored files (published packs, uploaded appendices) in one file.

On PostgreSQL the database goes through pg_dump and pg_restore; on SQLite through Django's
dumpdata and loaddata, as JSON that keeps text and times exactly. Either way a backup is one
.tar.gz, readable by its owner only (it holds password hashes and exempt papers), that restores
into an empty database.
"""

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import connection

POSTGRES_DUMP = "database.pgdump"
DJANGO_DUMP = "database.json"
# Backups made before the JSON dump: Django's XML, whose loading strips the text's edges.
OLDER_DJANGO_DUMP = "database.xml"
FILES = "files"
# Rebuilt by migrate, or per-session: no need to keep them.
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database"]


class BackupRefused(Exception):
    """The backup cannot be made or restored; the message says why, for the operator."""


def _postgres_arguments():
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    arguments = ["--host", settings.get("HOST") or "localhost",
                 "--port", str(settings.get("PORT") or 5432),
                 "--username", settings.get("USER") or "postgres"]
    return arguments, environment, settings["NAME"]


def _run(command, environment):
    try:
        subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError as missing:
        raise BackupRefused(f"{command[0]} is not installed; install the PostgreSQL client "
                            "tools.") from missing
    except subprocess.CalledProcessError as failure:
        raise BackupRefused(f"{command[0]} failed: {failure.stderr.strip()}") from failure


def _kept(model):
    return not (model._meta.app_label in LEFT_OUT or model._meta.label_lower in LEFT_OUT)


def kept_models():
    """The models a backup keeps: every one but those `migrate` rebuilds or sessions hold."""
    return [model for model in apps.get_models() if _kept(model)]


def is_empty():
    """Whether the database holds none of the records a backup keeps."""
    return not any(model._default_manager.exists() for model in kept_models())


def back_up(path):
    """Write the whole portal to the .tar.gz at `path`, readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when it replaces an older, more open file
    with (tempfile.TemporaryDirectory() as work, os.fdopen(descriptor, "wb") as file,
          tarfile.open(fileobj=file, mode="w:gz") as archive):
        if connection.vendor == "postgresql":
            dump = Path(work) / POSTGRES_DUMP
            arguments, environment, name = _postgres_arguments()
            _run(["pg_dump", "--format=custom", "--no-owner", *arguments,
                  "--file", str(dump), name], environment)
        else:
            dump = Path(work) / DJANGO_DUMP
            serializers.register_serializer("exact_json", "trust_portal.core.exact_json")
            call_command("dumpdata", exclude=LEFT_OUT, natural_foreign=True,
                         format="exact_json", output=str(dump), verbosity=0)
        archive.add(dump, arcname=dump.name)
        root = Path(default_storage.location)
        if root.exists():
            archive.add(root, arcname=FILES)


def _unpack(path, work):
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")
    except FileNotFoundError:
        raise
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupRefused(f"{path} is not a Trust Portal backup (a .tar.gz made by "
                            "`manage.py backup`).") from error
    dumps = [Path(work) / name for name in (POSTGRES_DUMP, DJANGO_DUMP, OLDER_DJANGO_DUMP)
             if (Path(work) / name).is_file()]
    if not dumps:
        raise BackupRefused(f"{path} holds no database dump, so it is not a Trust Portal "
                            "backup.")
    return dumps[0]


def restore(path, *, force=False):
    """Restore the portal from a backup into this migrated database, which must be empty
    unless `force`, when what it holds is replaced."""
    if not (force or is_empty()):
        raise BackupRefused("This database already holds the portal's records; restoring "
                            "would replace them. Restore into an empty database, or add "
                            "--force to replace them.")
    with tempfile.TemporaryDirectory() as work:
        dump = _unpack(path, work)
        if dump.name == POSTGRES_DUMP:
            if connection.vendor != "postgresql":
                raise BackupRefused("This backup was made on PostgreSQL; restore it into a "
                                    "PostgreSQL database (set DATABASE_URL).")
            arguments, environment, name = _postgres_arguments()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  *arguments, "--dbname", name, str(dump)], environment)
        else:
            if force:
                call_command("flush", interactive=False, verbosity=0)
            try:
                call_command("loaddata", str(dump), verbosity=0)
            except DeserializationError as error:
                raise BackupRefused(f"The database in {path} cannot be read: {error}") from error
        files = Path(work) / FILES
        for stored in files.rglob("*") if files.exists() else []:
            if stored.is_file():
                name = str(stored.relative_to(files))
                default_storage.delete(name)
                default_storage.save(name, io.BytesIO(stored.read_bytes()))
