"""A backup restores into an empty database with every record and stored file as it was."""

import os
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from indicators.testing import add_indicators
from trust_portal.boards.models import PackDocument, Paper
from trust_portal.boards.testing import add_agenda_items
from trust_portal.core.backup import LEFT_OUT


def every_record():
    records = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in LEFT_OUT or model._meta.label_lower in LEFT_OUT:
            continue
        rows = serializers.serialize("python", model.objects.order_by("pk"))
        records[label] = [(row["pk"], row["fields"]) for row in rows]
    return records


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_record_and_stored_pack(world, tmp_path):
    add_agenda_items(world, 3)
    add_indicators(world, 3)
    # Text comes back byte for byte, the spaces and lines around it included.
    Paper.objects.filter(pk=world.paper.pk).update(body="\n  ## Indented\n\n  text  \n")
    document = world.pack.documents.first()
    PackDocument.objects.filter(pk=document.pk).update(html="\n  <main>Pack</main>\n ")
    with document.pdf.open("rb") as pdf:
        stored = pdf.read()
    before = every_record()
    assert sum(map(len, before.values())) > 90

    backup = tmp_path / "portal.tar.gz"
    call_command("backup", str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(default_storage.location)
    assert every_record()["core.Partnership"] == []

    call_command("restore", str(backup), verbosity=0)
    after = every_record()
    for label in before:
        assert after[label] == before[label], label
    assert PackDocument.objects.get(pk=document.pk).html == "\n  <main>Pack</main>\n "
    assert Path(default_storage.path(document.pdf.name)).read_bytes() == stored


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(world, tmp_path):
    backup = tmp_path / "portal.tar.gz"
    call_command("backup", str(backup), verbosity=0)
    Paper.objects.filter(pk=world.paper.pk).update(title="Changed after the backup")

    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(backup), verbosity=0)
    assert Paper.objects.get(pk=world.paper.pk).title == "Changed after the backup"

    call_command("restore", str(backup), force=True, verbosity=0)
    assert Paper.objects.get(pk=world.paper.pk).title == world.paper.title


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("content", ["not a backup", "tar without a dump", "broken dump"])
def test_a_file_that_is_not_a_backup_gets_a_clear_message(content, tmp_path):
    path = tmp_path / "upload.tar.gz"
    if content != "not a backup":
        name = "database.json" if content == "broken dump" else "notes.txt"
        (tmp_path / name).write_text('[{"model": "core.partnership", "pk"')
        with tarfile.open(path, "w:gz") as archive:
            archive.add(tmp_path / name, arcname=name)
    else:
        path.write_bytes(b"PK\x03\x04 this is a spreadsheet, not a backup")
    with pytest.raises(CommandError, match="not a Trust Portal backup|cannot be read"):
        call_command("restore", str(path), verbosity=0)


@pytest.mark.django_db
def test_backups_are_readable_by_their_owner_only(world, tmp_path):
    backup = tmp_path / "portal.tar.gz"
    backup.write_bytes(b"an older file, open to all")
    os.chmod(backup, 0o644)
    call_command("backup", str(backup), verbosity=0)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert tarfile.is_tarfile(backup)
