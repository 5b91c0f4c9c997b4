from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from trust_portal.core.backup import BackupRefused, back_up


class Command(BaseCommand):
    help = ("Back up the database and the stored files (packs, appendices) to one .tar.gz file, "
            "readable by its owner only.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write it (default: a dated name).")

    def handle(self, *args, path=None, **options):
        path = path or f"trust-portal-{timezone.localtime():%Y-%m-%d-%H%M}.tar.gz"
        try:
            back_up(path)
        except (BackupRefused, OSError) as problem:
            raise CommandError(f"Could not back up to {path}: {problem}") from problem
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
