from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from shiliu.guide.management.commands._acting import acting_user
from shiliu.guide.sample import load_sample


class Command(BaseCommand):
    help = ("Load the sample service guide (marked as sample content). Items already there are left alone; "
            "missing work-order categories are created.")

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", help="username of a district administrator (default: the first)")

    def handle(self, *args, username: str | None = None, **options):
        made = load_sample(by=acting_user(username))
        self.stdout.write(_("%(items)s items, %(domains)s domains, %(life_events)s life events and %(categories)s "
                            "categories added.") % made)
