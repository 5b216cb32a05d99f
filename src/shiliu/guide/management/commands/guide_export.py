from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from shiliu.guide.management.commands._acting import acting_user
from shiliu.guide.transfer import export_guide


class Command(BaseCommand):
    help = "Write the whole service guide to a file: .json as JSON, anything else as xlsx."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the file to write (.xlsx or .json)")
        parser.add_argument("--as", dest="username", help="username of a staff member (default: the first "
                            "district administrator)")

    def handle(self, *args, file: Path, username: str | None = None, **options):
        fmt = "json" if file.suffix.lower() == ".json" else "xlsx"
        file.write_bytes(export_guide(by=acting_user(username), fmt=fmt))
        self.stdout.write(_("The guide was written to %(file)s.") % {"file": file})
