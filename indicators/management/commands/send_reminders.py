from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from indicators.reminders import send_reminders


class Command(BaseCommand):
    help = ("Email officers whose actuals for an open period are missing: once a few days "
            "before the due date (REMINDER_DAYS_BEFORE) and once when overdue. Run it daily.")

    def handle(self, *args, **options):
        sent = send_reminders(timezone.localdate(), settings.REMINDER_DAYS_BEFORE)
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}")
