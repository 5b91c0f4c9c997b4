"""A backup restores into an empty database with every record and stored file as it was."""

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command

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
    world.add_agenda_items(3)
    world.add_indicators(3)
    document = world.pack.documents.first()
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
    assert Path(default_storage.path(document.pdf.name)).read_bytes() == stored
