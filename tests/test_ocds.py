"""The open data export: OCDS 1.1 release packages that validate against the standard's
1.1.5 schemas (in ../shared/ocds/), holding only awarded contracts and never a score."""

import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from commissioning import services
from commissioning.rules import Stage

OCDS = Path(os.environ.get("TRUST_PORTAL_OCDS",
                           Path(settings.BASE_DIR).parent / "shared" / "ocds"))


@pytest.fixture(scope="module")
def validate():
    """Validate a release package: each release against the dereferenced release schema,
    the package against the package schema with its releases' $ref replaced by it."""
    if not (OCDS / "release-package-schema.json").exists():
        pytest.skip(f"the OCDS 1.1.5 schemas are not in {OCDS} (see shared/ocds/README.md)")
    jsonschema = pytest.importorskip("jsonschema", reason="needs jsonschema: pip install "
                                                          "-e '.[dev]'")
    release = json.loads((OCDS / "dereferenced-release-schema.json").read_text())
    package = json.loads((OCDS / "release-package-schema.json").read_text())
    package["properties"]["releases"]["items"] = release
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER

    def check(document):
        errors = sorted(jsonschema.Draft4Validator(package, format_checker=checker)
                        .iter_errors(document), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)

    return check


def export(slug):
    out = io.StringIO()
    call_command("export_ocds", "--partnership", slug, stdout=out)
    return json.loads(out.getvalue())


def test_the_world_exports_only_its_awarded_contract(world, validate):
    package = export("north")
    validate(package)
    text = json.dumps(package)
    assert "Family Support North" in text and "Family support" in text
    for secret in ["Advocacy for looked after children", "Kinder Advocacy", "Voice Trust"]:
        assert secret not in text
    tags = [release["tag"] for release in package["releases"]]
    assert tags == [["planning"], ["tender"], ["award"], ["contract"]]
    contract = package["releases"][3]["contracts"][0]
    assert contract["value"] == {"amount": 40000.0, "currency": "GBP"}
    assert contract["period"] == {"startDate": "2009-10-01T00:00:00Z",
                                  "endDate": "2011-03-31T00:00:00Z"}


def test_an_award_publishes_the_tender_without_scores(world, validate):
    world.commission.stage = Stage.AWARDED
    world.commission.save()
    services.award_contract(commission=world.commission, bid=world.bids[0],
                            provider="Kinder Advocacy", user=world.users["commissioner"])
    package = export("north")
    validate(package)
    text = json.dumps(package)
    assert "Kinder Advocacy" in text
    assert "Voice Trust" not in text and "score" not in text.lower()


def test_the_public_url_serves_the_same_package(world, client, validate):
    response = client.get(reverse("ocds_package", args=["north"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    validate(response.json())
    assert [r["id"] for r in response.json()["releases"]] == [
        r["id"] for r in export("north")["releases"]]


def test_the_command_refuses_an_unknown_partnership_and_an_unwritable_file(world, tmp_path):
    with pytest.raises(CommandError, match="No partnership 'nowhere'; the partnerships are"):
        call_command("export_ocds", "--partnership", "nowhere")
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_ocds", "--partnership", "north", "--output",
                     str(tmp_path / "missing" / "out.json"), stderr=io.StringIO())
    target = tmp_path / "north.json"
    call_command("export_ocds", "--partnership", "north", "--output", str(target),
                 stderr=io.StringIO())
    assert json.loads(target.read_text())["version"] == "1.1"


@pytest.mark.parametrize("slug", ["wirral", "liverpool", "leeds"])
def test_every_demo_release_package_validates(demo, validate, slug):
    package = export(slug)
    validate(package)
    if slug == "wirral":  # the tenders with a contract; the short breaks name no provider
        titles = {release["tender"]["title"] for release in package["releases"]
                  if "tender" in release}
        assert titles == {"Youth Hubs", "Activity Fund", "Looked After Children Advocacy Service",
                          "Family Support Service for Racial Minority Ethnic families (RME)",
                          "Connexions Service for the six Merseyside Authorities"}
        values = [c["value"] for r in package["releases"] for c in r.get("contracts", [])
                  if "value" in c]
        assert values == [{"amount": 40000.0, "currency": "GBP"}]
        assert "Bidder not recorded" not in json.dumps(package)
    else:
        assert package["releases"] == []
