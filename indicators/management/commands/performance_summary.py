import csv
import json

from django.core.management.base import BaseCommand, CommandError

from indicators.models import ReportingPeriod
from indicators.performance import report
from trust_portal.core.models import Partnership


def _number(value):
    return None if value is None else float(value)


class Command(BaseCommand):
    help = "Print a period's performance summary, one record per indicator, as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--period", required=True, help='For example "2009/10 Q2".')
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, partnership, period, format, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
            period = ReportingPeriod.objects.named(partnership, period)
        except Partnership.DoesNotExist:
            raise CommandError(f"No partnership with the slug '{partnership}'") from None
        except ReportingPeriod.DoesNotExist:
            raise CommandError(f"{partnership} has no period {period}") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        data = report(period)
        indicators = [{
            "indicator": row.indicator.code,
            "target": _number(row.target.value if row.target else None),
            "actual": _number(row.value),
            "rating": row.rating.outcome,
            "direction": row.direction.outcome,
            "direction_basis": "stated" if row.direction.stated else "computed",
        } for row in data["rows"]]
        if format == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(indicators[0]) if indicators
                                    else ["indicator", "target", "actual", "rating",
                                          "direction", "direction_basis"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(indicators)
            return
        summary = {
            "period": period.name,
            "rating": {row["outcome"]: {"count": row["count"], "percent": str(row["percent"])}
                       for row in data["rating_summary"]["rows"]},
            "direction": {row["outcome"]: {"count": row["count"],
                                           "percent": str(row["percent"])}
                          for row in data["direction_summary"]["rows"]},
            "total": data["rating_summary"]["total"],
        }
        self.stdout.write(json.dumps({"indicators": indicators, "summary": summary}, indent=2))
