"""Every way a figure or commentary comes in refuses what cannot be stored or shown (a figure
too large once rounded, a decimal comma, control characters), with a clear message, and what
is already stored never stops a report, an export or the summary for everyone."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Actual, Indicator, Target, TolerancePolicy
from indicators.services import sign_off_actuals

from .forms import entry_line
from .test_actuals_entry import entry_url
from .test_import import HEADER, confirm, upload, xlsx

TOO_LARGE = "9999999999.99995"  # fits 14 digits as written, not once rounded to 4 places


def board_pages_work(client, world):
    report = reverse("performance_report", args=[world.north.slug])
    for url in (report, reverse("indicator_detail", args=[world.north.slug, world.indicator.pk])):
        assert client.get(url).status_code == 200
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "north", "--period", "2009/10 Q2",
                 stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("column", ["target", "actual", "forecast"])
def test_an_upload_refuses_a_figure_too_large_to_store(world, login, column):
    client = login(world.users["performance_officer"])
    cells = {"target": "", "actual": "", "forecast": "", column: TOO_LARGE}
    response = upload(client, world, (HEADER + "NI 43,2009/10 Q2,{target},{actual},A,"
                                      "{forecast},,\n".format(**cells)).encode())
    page = response.content.decode()
    assert f"{column} &#x27;{TOO_LARGE}&#x27; is not a number we can store" in page
    assert confirm(client, world).status_code == 302  # nothing waits to be confirmed
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")
    assert Target.objects.get(indicator=world.indicator).value == Decimal("5")
    board_pages_work(login(world.users["board_member"]), world)


def test_an_xlsx_number_too_large_to_store_is_refused(world, login):
    content = xlsx([["indicator", "period", "actual"], ["NI 43", "2009/10 Q2", 1e10]])
    page = upload(login(world.users["performance_officer"]), world, content,
                  name="a.xlsx").content.decode()
    assert "is not a number we can store" in page


def test_the_command_refuses_a_figure_too_large_to_store(world, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(HEADER + f"NI 43,2009/10 Q2,,{TOO_LARGE},A,,,\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_actuals", str(path), "--partnership", "north", stderr=errors)
    assert "is not a number we can store" in errors.getvalue()
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")


@pytest.mark.parametrize("value", [TOO_LARGE, "10000000000", "1e400000000", "-1e11"])
def test_the_entry_page_refuses_a_figure_too_large_to_store(world, login, value):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value=value)})
    assert response.status_code == 200
    assert "not a number we can store" in response.content.decode()
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")


def test_the_largest_figure_that_fits_is_stored_and_reported(world, login):
    client = login(world.users["performance_officer"])
    assert client.post(entry_url(world), {"action": "submit", **entry_line(
        world.indicator, 1, value="-9999999999.9999")}).status_code == 302
    actual = Actual.objects.get(indicator=world.indicator)
    sign_off_actuals(period=actual.period, versions={world.indicator.pk: actual.version},
                     user=world.users["performance_manager"])
    summary = board_pages_work(client, world)
    assert summary["indicators"][0]["actual"] == -9999999999.9999


def test_the_administration_pages_refuse_tolerances_that_do_not_fit(world, client):
    client.force_login(world.users["administrator"])
    response = client.post(reverse("admin:indicators_tolerancepolicy_add"), {
        "partnership": world.north.pk, "over_performing_above": "99999999",
        "green_from": "-5", "amber_from": "-10", "unchanged_within": "2.5"})
    assert response.status_code == 200
    assert "Ensure that there are no more than 5 digits in total" in response.content.decode()
    assert not TolerancePolicy.objects.exists()


@pytest.mark.parametrize(("written", "refused"), [("12,5", True), ("1,23,4", True),
                                                  ("1,234", False), ("12,345.6", False)])
def test_commas_only_separate_thousands_in_an_upload(world, login, written, refused):
    client = login(world.users["performance_officer"])
    page = upload(client, world, (HEADER + f'NI 43,2009/10 Q2,,"{written}",A,,,\n').encode()
                  ).content.decode()
    if refused:
        assert f"actual &#x27;{written}&#x27; is not a number: use a point for decimals" in page
        return
    confirm(client, world)
    assert Actual.objects.get(indicator=world.indicator).value == Decimal(
        written.replace(",", ""))


@pytest.mark.parametrize(("written", "refused"), [("12,5", True), ("1,23,4", True),
                                                  ("1,234", False), ("12,345.6", False)])
def test_commas_only_separate_thousands_on_the_entry_page(world, login, written, refused):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value=written)})
    if refused:
        assert "use a point for decimals" in response.content.decode()
        assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")
    else:
        assert response.status_code == 302
        assert Actual.objects.get(indicator=world.indicator).value == Decimal(
            written.replace(",", ""))


PASTED = "Two more\x0bsentences\x1b[0m and a N\x00UL"
CLEANED = "Two more\nsentences[0m and a NUL"


def test_control_characters_are_taken_out_of_commentary_on_the_entry_page(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="5.3", data_quality="P", context=PASTED,
        corrective_action="Act\x0b now")})
    assert response.status_code == 302
    actual = Actual.objects.get(indicator=world.indicator)
    assert (actual.context, actual.corrective_action) == (CLEANED, "Act\n now")


def test_control_characters_are_taken_out_of_commentary_in_an_upload(world, login):
    client = login(world.users["performance_officer"])
    content = (HEADER + f'NI 43,2009/10 Q2,,,,,"{PASTED}","Act\x0b now"\n').encode()
    upload(client, world, content)
    confirm(client, world)
    actual = Actual.objects.get(indicator=world.indicator)
    assert (actual.context, actual.corrective_action) == (CLEANED, "Act\n now")


def test_the_administration_pages_refuse_control_characters(world, client):
    client.force_login(world.users["administrator"])
    response = client.post(reverse("admin:indicators_indicator_change",
                                   args=[world.indicator.pk]), {
        "partnership": world.north.pk, "code": "NI 43", "title": "Custody\x1b",
        "unit": "percent", "decimals": "1", "lower_is_better": "on"})
    assert response.status_code == 200
    assert "Remove the control characters" in response.content.decode()
    assert Indicator.objects.get(pk=world.indicator.pk).title == world.indicator.title


@pytest.mark.parametrize("export", ["xlsx", "csv"])
def test_exports_never_fail_on_control_characters_already_stored(world, login, export):
    nul = "" if connection.vendor == "postgresql" else "\x00"  # PostgreSQL cannot store NUL
    Actual.objects.filter(indicator=world.indicator).update(
        context=f"Vertical\x0btab, escape\x1b and N{nul}UL", corrective_action="\x07")
    Indicator.objects.filter(pk=world.indicator.pk).update(title="Custody\x1b")
    client = login(world.users["board_member"])
    response = client.get(reverse("performance_report", args=[world.north.slug]),
                          {"format": export})
    assert response.status_code == 200
    if export == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        text = repr(list(workbook.active.iter_rows(values_only=True)))
        assert "Vertical\\ntab, escape and NUL" in text
    assert "\x1b" not in text and "\x00" not in text and "\x0b" not in text


@pytest.mark.parametrize(("model", "field"), [(Actual, "value"), (Actual, "forecast"),
                                              (Target, "value")])
def test_a_figure_too_large_to_store_does_not_validate_for_any_administration_form(
        world, model, field):
    from django.core.exceptions import ValidationError

    record = model.objects.get(indicator=world.indicator)
    setattr(record, field, Decimal(TOO_LARGE))
    with pytest.raises(ValidationError, match=field):
        record.full_clean()


def test_the_services_refuse_a_figure_too_large_to_store_whoever_calls_them(world):
    from indicators.services import ActualEntry, TargetEntry, record_actuals, set_targets

    with pytest.raises(ValueError, match="not a number we can store"):
        record_actuals(period=world.period, user=None, submit=False, entries=[ActualEntry(
            indicator=world.indicator, expected_version=1, value=Decimal(TOO_LARGE))])
    with pytest.raises(ValueError, match="not a number we can store"):
        set_targets(user=None, entries=[TargetEntry(
            indicator=world.indicator, period=world.period, value=Decimal(TOO_LARGE))])
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")
