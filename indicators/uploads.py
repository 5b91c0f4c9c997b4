"""The spreadsheet upload pages: choose a file, see every bad row or a preview, confirm."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trust_portal.core.access import partnership_view
from trust_portal.core.models import Role

from .codes import in_code_order
from .exports import csv_response, xlsx_response
from .importer import (
    COLUMNS,
    MAX_UPLOAD_BYTES,
    ImportFileError,
    apply_import,
    merged_actual,
    plan_import,
    read_table,
)
from .models import Indicator, ReportingPeriod
from .services import StaleFigures

SESSION_KEY = "actuals_upload"


class UploadForm(forms.Form):
    file = forms.FileField(label="Spreadsheet (.csv or .xlsx)",
                           error_messages={"required": "Choose a file to upload"})
    submit = forms.TypedChoiceField(
        label="Save the actuals as", coerce=lambda value: value == "yes",
        choices=[("no", "Drafts"), ("yes", "Submitted (red and amber need commentary)")],
        initial="no", widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a .csv or .xlsx spreadsheet")
        return upload


@require_http_methods(["GET", "POST"])
@partnership_view
def upload_actuals(request, access):
    access.require_role(Role.PERFORMANCE_OFFICER)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read(), upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, "indicators/upload.html", context)
        submit = form.cleaned_data["submit"]
        plan = plan_import(access.partnership, table, submit=submit,
                           may_change_closed=access.is_administrator)
        context.update(plan=plan, filename=upload.name, submit=submit)
        if plan.is_valid:
            request.session[SESSION_KEY] = {
                "partnership": access.partnership.slug, "table": table, "submit": submit,
                "filename": upload.name,
                "versions": {str(row.line): [row.target_version, row.actual_version]
                             for row in plan.rows},
            }
            context["preview"] = [(row, merged_actual(row)) for row in plan.rows]
            context["checked"] = [row for row in plan.rows if row.warnings]
        elif not plan.errors:
            form.add_error("file", "The file has no rows to import")
    return render(request, "indicators/upload.html", context)


@require_POST
@partnership_view
def confirm_upload(request, access):
    access.require_role(Role.PERFORMANCE_OFFICER)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["partnership"] != access.partnership.slug:
        messages.error(request, "There is no upload waiting to be confirmed. "
                                "Upload the file again.")
        return redirect("upload_actuals", access.partnership.slug)
    plan = plan_import(access.partnership, [tuple(row) for row in pending["table"]],
                       submit=pending["submit"], may_change_closed=access.is_administrator)
    if not plan.is_valid:
        messages.error(request, "The figures changed since the preview and the file no longer "
                                "imports cleanly. Upload it again to see why.")
        return redirect("upload_actuals", access.partnership.slug)
    for row in plan.rows:
        # Save against what the officer saw in the preview, not what is there now.
        row.target_version, row.actual_version = pending["versions"][str(row.line)]
    try:
        targets, actuals = apply_import(access.partnership, plan, user=request.user,
                                        submit=pending["submit"])
    except StaleFigures:
        messages.error(request, "Someone changed some of these figures after your preview, so "
                                "nothing was imported. Upload the file again to see the new "
                                "preview.")
        return redirect("upload_actuals", access.partnership.slug)
    del request.session[SESSION_KEY]
    messages.success(request, f"Imported {pending['filename']}: {len(plan.rows)} rows, "
                              f"{targets} targets and {actuals} actuals changed")
    return redirect("performance_report", access.partnership.slug)


@require_GET
@partnership_view
def upload_template(request, access):
    """The upload columns, with a row for each indicator in the period open for entry."""
    access.require_role(Role.PERFORMANCE_OFFICER)
    period = ReportingPeriod.objects.filter(
        partnership=access.partnership, is_open=True, kind=ReportingPeriod.Kind.QUARTER,
    ).order_by("-year", "-quarter").first()
    indicators = in_code_order(Indicator.objects.filter(partnership=access.partnership))
    rows = [[indicator.code, period.name if period else "", *[""] * (len(COLUMNS) - 2)]
            for indicator in indicators]
    filename = f"{access.partnership.slug}-actuals-template"
    if request.GET.get("format") == "xlsx":
        return xlsx_response(filename, COLUMNS, rows, sheet_title="Actuals")
    return csv_response(filename, COLUMNS, rows)
