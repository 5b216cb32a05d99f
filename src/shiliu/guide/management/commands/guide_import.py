from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from shiliu.guide.management.commands._acting import acting_user
from shiliu.guide.transfer import GuideImportRejected, error_label, import_guide


class Command(BaseCommand):
    help = ("Create and update the service guide from an xlsx or JSON export, all or nothing. Every error is "
            "listed with its sheet, row and column; the exit status is non-zero when there is one.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx or .json file to read")
        parser.add_argument("--as", dest="username", help="username of a district administrator (default: the first)")

    def handle(self, *args, file: Path, username: str | None = None, **options):
        user = acting_user(username)
        if not file.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        with file.open("rb") as handle:
            try:
                result = import_guide(file=handle, by=user)
            except GuideImportRejected as exc:
                for error in exc.errors:
                    self.stderr.write(error_label(error))
                raise CommandError(_("%(n)s error(s); nothing was imported.") % {"n": len(exc.errors)}) from None
        self.stdout.write(_("%(created)s new items, %(published)s new versions, %(unchanged)s unchanged.")
                          % vars(result))
