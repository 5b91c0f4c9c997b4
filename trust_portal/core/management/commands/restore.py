from django.core.management.base import BaseCommand, CommandError

from trust_portal.core.backup import restore


class Command(BaseCommand):
    help = ("Restore a backup made by `backup` into an empty, migrated database "
            "(run `manage.py migrate` first).")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            restore(path)
        except FileNotFoundError as missing:
            raise CommandError(f"No backup at {path}") from missing
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
