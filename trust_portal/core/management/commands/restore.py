from django.core.management.base import BaseCommand, CommandError

from trust_portal.core.backup import BackupRefused, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `backup` into an empty, migrated database "
            "(run `manage.py migrate` first).")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true",
                            help="Replace what the database holds now with the backup.")

    def handle(self, *args, path, force, **options):
        try:
            restore(path, force=force)
        except FileNotFoundError as missing:
            raise CommandError(f"No backup at {path}") from missing
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
