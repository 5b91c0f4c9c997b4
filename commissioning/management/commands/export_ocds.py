import json

from django.core.management.base import BaseCommand, CommandError

from trust_portal.core.models import Partnership

from ...ocds import release_package


class Command(BaseCommand):
    help = ("Write a partnership's awarded contracts and their tenders as an OCDS 1.1 release "
            "package (JSON): to standard output, or to --output FILE.")

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--output", help="The file to write; standard output if omitted.")

    def handle(self, *args, partnership, output=None, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No partnership {partnership!r}; the partnerships are: {known}.")
        text = json.dumps(release_package(found), indent=1, ensure_ascii=False)
        if not output:
            self.stdout.write(text)
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stderr.write(f"Wrote {len(text):,} characters to {output}.")
