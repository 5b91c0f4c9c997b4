"""The seed documents as transcribed in fixtures/demo/, for each app's demo loader (`APP/demo.py`).

An app's part of a partnership's demo is `<slug>_<part>.json`; its loader reads it with
`read_fixture` when `fixture_exists`, so a partnership whose seeds say nothing of it has none.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings


def _path(name: str) -> Path:
    return settings.BASE_DIR / "fixtures" / "demo" / f"{name}.json"


def fixture_exists(name: str) -> bool:
    return _path(name).exists()


def read_fixture(name: str):
    with open(_path(name), encoding="utf-8") as fixture:
        return json.load(fixture)


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
