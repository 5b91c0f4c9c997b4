from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from indicators.importer import ImportFileError, apply_import, plan_import, read_table
from indicators.services import StaleFigures
from trust_portal.core.models import Partnership


class Command(BaseCommand):
    help = ("Import targets and actuals from a CSV or XLSX file with the columns indicator, "
            "period, target, actual, data_quality, forecast, context, corrective_action. "
            "Every row is checked first; if any is bad, nothing is imported.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--user", help="Username to record as having made the changes.")
        parser.add_argument("--submit", action="store_true",
                            help="Mark the actuals submitted (red and amber ones then need "
                                 "context and corrective action); otherwise they are drafts.")

    def handle(self, *args, file, partnership, user=None, submit=False, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"No partnership with the slug '{partnership}'") from None
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user called '{user}'")
        path = Path(file)
        try:
            table = read_table(path.read_bytes(), path.name)
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        plan = plan_import(partnership, table, submit=submit, may_change_closed=True)
        if plan.errors:
            for line, message in plan.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(f"{len(plan.errors)} bad row(s); nothing was imported")
        if not plan.rows:
            raise CommandError("The file has no rows to import")
        try:
            targets, actuals = apply_import(partnership, plan, user=actor, submit=submit)
        except StaleFigures as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Imported {len(plan.rows)} rows: {targets} targets and {actuals} actuals changed"))
