import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.exports import neutralise
from indicators.models import Actual, ReportingPeriod, Target
from indicators.testing import add_indicators

HEADER = "indicator,period,target,actual,data_quality,forecast,context,corrective_action\n"


def upload(client, world, content, name="actuals.csv", submit="no"):
    url = reverse("upload_actuals", args=[world.north.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "submit": submit})


def confirm(client, world):
    return client.post(reverse("confirm_upload", args=[world.north.slug]))


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(world, login):
    client = login(world.users["performance_officer"])
    content = (HEADER + "NI 43,2009/10 Q2,5,4.8,P,,,\n"
               "NI 999,2009/10 Q2,,3,A,,,\n"
               "NI 43,2009/10 Q9,,3,A,,,\n"
               "NI 43,2009/10 Q3,,lots,X,,,\n").encode()
    response = upload(client, world, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "3 rows of actuals.csv cannot be imported" in page
    assert "indicator &#x27;NI 999&#x27; is not one of this partnership&#x27;s indicators" in page
    assert "&#x27;2009/10 Q9&#x27; is not a period" in page
    assert "actual &#x27;lots&#x27; is not a number" in page
    assert "data_quality &#x27;X&#x27; must be A, E or P" in page
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")
    assert not ReportingPeriod.objects.filter(year=2009, quarter=3).exists()


def test_good_xlsx_is_previewed_then_imported_with_blank_cells_left_alone(world, login):
    Actual.objects.filter(indicator=world.indicator).update(context="Kept as it was")
    client = login(world.users["performance_officer"])
    content = xlsx([["indicator", "period", "target", "actual", "data_quality", "forecast",
                     "context", "corrective_action"],
                    ["NI 43", "2009/10 Q2", None, 4.9, "A", None, None, None],
                    ["NI 43", "2010/11 Q1", 4.5, None, None, None, None, None]])
    response = upload(client, world, content, name="actuals.xlsx")
    page = response.content.decode()
    assert "Check before importing" in page and "Import 2 rows" in page
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")  # not yet
    response = confirm(client, world)
    assert response.status_code == 302
    actual = Actual.objects.get(indicator=world.indicator, period=world.period)
    assert (actual.value, actual.context) == (Decimal("4.9"), "Kept as it was")
    new_period = ReportingPeriod.objects.get(partnership=world.north, year=2010, quarter=1)
    assert new_period.is_open
    assert Target.objects.get(indicator=world.indicator, period=new_period).value == Decimal("4.5")
    assert actual.history.first().history_user == world.users["performance_officer"]


def test_submitting_red_or_amber_rows_needs_commentary(world, login):
    client = login(world.users["performance_officer"])
    response = upload(client, world, (HEADER + "NI 43,2009/10 Q2,,6,A,,,\n").encode(),
                      submit="yes")
    assert "is Red (red: 20.0% worse than target of 5%, lower is better) and needs context " \
           "and corrective_action" in response.content.decode()


def test_figures_changed_after_the_preview_are_not_overwritten(world, login):
    client = login(world.users["performance_officer"])
    upload(client, world, (HEADER + "NI 43,2009/10 Q2,,4.1,A,,,\n").encode())
    other = Actual.objects.get(indicator=world.indicator)
    other.value, other.version = Decimal("4.4"), other.version + 1
    other.save()
    response = confirm(client, world)
    assert response.status_code == 302
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("4.4")
    follow = client.get(response.url).content.decode()
    assert "Someone changed some of these figures after your preview" in follow


@pytest.mark.parametrize(("name", "content", "message"), [
    ("actuals.txt", b"hello", "must be a .csv or .xlsx spreadsheet"),
    ("actuals.xlsx", b"not a zip", "not a readable Excel workbook"),
    ("actuals.csv", b"\xff\xfe\x00bad", "first row must name the columns"),
    ("actuals.csv", b"code,value\nNI 43,5\n", "missing: indicator, period"),
    ("actuals.csv", HEADER.encode(), "no rows to import"),
])
def test_unreadable_files_get_a_clear_error(world, login, name, content, message):
    response = upload(login(world.users["performance_officer"]), world, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(world, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    response = upload(login(world.users["performance_officer"]), world, buffer.getvalue(),
                      name="bomb.xlsx")
    assert "unpacks to more than 50 MB" in response.content.decode()


def test_formulas_in_a_workbook_are_never_evaluated(world, login):
    content = xlsx([["indicator", "period", "actual", "context"],
                    ["NI 43", "2009/10 Q2", "=1+1", "=HYPERLINK(\"http://x\")"]])
    page = upload(login(world.users["performance_officer"]), world, content,
                  name="f.xlsx").content.decode()
    # Only values Excel saved are read; a formula is never run, so =1+1 does not become 2.
    assert "nothing to import" in page
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")


def test_template_lists_every_indicator_for_the_open_period(world, login):
    client = login(world.users["performance_officer"])
    url = reverse("upload_template", args=[world.north.slug])
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("indicator", "period")
    assert rows[1][:2] == ("NI 43", "2009/10 Q2")
    assert client.get(url).content.decode("utf-8-sig").startswith("indicator,period")


def test_command_imports_the_same_way(world, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "NI 43,2009/10 Q2,,4.7,E,,,\n")
    call_command("import_actuals", str(good), "--partnership", "north",
                 stdout=io.StringIO())
    assert Actual.objects.get(indicator=world.indicator).data_quality == "E"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "NI 43,2009/10 Q2,,4.2,A,,,\nNOPE,2009/10 Q2,,1,A,,,\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_actuals", str(bad), "--partnership", "north", stderr=errors)
    assert "line 3: indicator 'NOPE'" in errors.getvalue()
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("4.7")


@pytest.mark.parametrize(("cell", "safe"), [
    ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@foo", "'@foo"),
    ("-1.98", "-1.98"), ("Plain text", "Plain text"), (Decimal("5.3"), Decimal("5.3")),
])
def test_exports_neutralise_formulas(cell, safe):
    assert neutralise(cell) == safe


def test_report_export_cannot_run_formulas(world, login):
    Actual.objects.filter(indicator=world.indicator).update(context="=HYPERLINK(\"x\")")
    client = login(world.users["board_member"])
    url = reverse("performance_report", args=[world.north.slug])
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "'=HYPERLINK(\"x\")" in cells and 5.3 in cells


@pytest.mark.parametrize("period", ["0000/01 Q1", "9999/00 Q4"])
def test_an_upload_creates_no_period_outside_the_years_the_portal_reports(world, login, period):
    client = login(world.users["performance_officer"])
    page = upload(client, world, (HEADER + f"NI 43,{period},,4.1,A,,,\n").encode()
                  ).content.decode()
    assert "1 row of actuals.csv cannot be imported" in page
    assert "must be between" in page
    confirm(client, world)
    assert ReportingPeriod.objects.filter(partnership=world.north).count() == 1
    indicator_page = reverse("indicator_detail", args=[world.north.slug, world.indicator.pk])
    assert client.get(indicator_page).status_code == 200


def test_the_preview_lists_the_periods_an_upload_will_create(world, login):
    client = login(world.users["performance_officer"])
    page = upload(client, world, (HEADER + "NI 43,2009/10 Q2,,4.1,A,,,\n"
                                  "NI 43,2010/11 Q1,4.5,,,,,\n"
                                  "NI 43,2010/11,4,,,,,\n").encode()).content.decode()
    assert "Importing creates 2 new periods: 2010/11 Q1, 2010/11" in page
    assert not ReportingPeriod.objects.filter(year=2010).exists()  # not before confirming


def test_the_preview_rates_each_row_as_it_will_be_saved(world, login):
    """A new actual against the target held, and a new target against the actual held."""
    add_indicators(world, 1)
    page = upload(login(world.users["performance_officer"]), world, (
        HEADER + "NI 43,2009/10 Q2,,4.8,A,,,\nLOCAL 1,2009/10 Q2,46,,,,,\n").encode()
    ).content.decode()
    assert 'title="Green: 4.0% better than target of 5%, lower is better">Green</strong>' in page
    assert 'title="Green: on target of 46%, higher is better">Green</strong>' in page
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")


def test_a_mistyped_year_is_caught_in_the_preview_before_anything_is_saved(world, login):
    client = login(world.users["performance_officer"])
    page = upload(client, world, (HEADER + "NI 43,2009/10 Q2,,4.8,A,,,\n"
                                  "NI 43,2090/91 Q3,,4.6,A,,,\n").encode()).content.decode()
    assert "Importing creates 1 new period: 2090/91 Q3. If a year is mistyped, correct the " \
           "file and upload it again." in page
    assert '2090/91 Q3 <strong class="govuk-tag govuk-tag--orange">New</strong>' in page
    assert 'title="Awaiting data' not in page  # the new quarter's row is rated too
    assert 'title="Target not set for this period">Target not set</strong>' in page
    assert not ReportingPeriod.objects.filter(year=2090).exists()


def test_the_preview_asks_to_check_figures_that_move_far_or_leave_0_to_100(world, login):
    """Against last quarter's figure in the file, or saved, and the same quarter last year's;
    nothing is refused."""
    last_year = ReportingPeriod.objects.named(world.north, "2008/09 Q3", create=True)
    Actual.objects.create(indicator=world.indicator, period=last_year, value=4)
    client = login(world.users["performance_officer"])
    page = upload(client, world, (HEADER + "NI 43,2009/10 Q3,,9,A,,,\n"
                                  "NI 43,2009/10 Q4,120,4.9,A,-2,,\n").encode()).content.decode()
    assert "Check these rows before importing: they can be imported as they are." in page
    for check in [
            "Row 2, NI 43 2009/10 Q3, actual: 69.8% higher than last quarter (2009/10 Q2: "
            "5.3%): check it is right.",
            "Row 2, NI 43 2009/10 Q3, actual: 125.0% higher than the same quarter last year "
            "(2008/09 Q3: 4.0%): check it is right.",
            "Row 3, NI 43 2009/10 Q4, actual: 45.6% lower than last quarter (2009/10 Q3: 9.0%): "
            "check it is right.",
            "Row 3, NI 43 2009/10 Q4, forecast: This percentage is outside 0 to 100: check it "
            "is right.",
            "Row 3, NI 43 2009/10 Q4, target: This percentage is outside 0 to 100: check it is "
            "right."]:
        assert f"<li>{check}</li>" in page
    assert "Import 2 rows" in page
    assert confirm(client, world).status_code == 302
    assert Actual.objects.get(indicator=world.indicator, period__quarter=3,
                              period__year=2009).value == 9


def test_a_period_stored_before_years_were_checked_does_not_break_the_indicator_page(world,
                                                                                     login):
    for year, quarter in [(0, 1), (9999, 4)]:
        period = ReportingPeriod.objects.create(partnership=world.north, year=year,
                                                quarter=quarter)
        Target.objects.create(indicator=world.indicator, period=period, value=4)
    client = login(world.users["board_member"])
    url = reverse("indicator_detail", args=[world.north.slug, world.indicator.pk])
    assert client.get(url).status_code == 200


def test_report_download_writes_figures_at_the_indicators_precision_and_ratings_in_words(
        world, login):
    url = reverse("performance_report", args=[world.north.slug])
    text = login(world.users["board_member"]).get(url, {"format": "csv"}).content.decode(
        "utf-8-sig")
    line = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert line[:5] == ["NI 43", "Young people sentenced to custody", "2009/10 Q2", "5.0", "5.3"]
    assert line[7:9] == ["Amber", "Not applicable"]
