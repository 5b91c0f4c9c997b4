from django.core.management.base import BaseCommand

from trust_portal.core.models import Partnership
from trust_portal.demo.loaders import (
    DEMO_PASSWORD,
    PARTNERSHIP_SLUGS,
    create_demo_users,
    load_partnership,
    publish_demo_packs,
)


class Command(BaseCommand):
    help = ("Load the demo partnerships (Liverpool, Wirral, Leeds) from the seed documents and "
            "create one demo login per role. Leaves an existing demo alone unless --reset.")

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="Replace the demo partnerships, discarding changes made to them.")
        parser.add_argument("--without-packs", action="store_true",
                            help="Leave the demo meetings' packs unpublished (publishing renders "
                                 "them, which takes a while).")

    def handle(self, *args, reset=False, without_packs=False, **options):
        present = Partnership.objects.filter(slug__in=PARTNERSHIP_SLUGS).count()
        if present == len(PARTNERSHIP_SLUGS) and not reset:
            self.stdout.write("The demo partnerships are already loaded (use --reset to reload).")
        else:
            for slug in PARTNERSHIP_SLUGS:
                partnership = load_partnership(slug)
                self.stdout.write(f"Loaded {partnership.name}")
            if not without_packs:
                for pack in publish_demo_packs():
                    if pack.status == pack.Status.PUBLISHED:
                        self.stdout.write(f"Published the pack of {pack.meeting}")
                    else:
                        self.stderr.write(f"The pack of {pack.meeting} was not published: "
                                          f"{pack.progress}")
        logins = create_demo_users()
        self.stdout.write(self.style.SUCCESS(
            f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        width = max(len(username) for username, _ in logins)
        for username, description in logins:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
