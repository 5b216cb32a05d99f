from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from shiliu.places.management.commands._transfer import acting_user
from shiliu.places.transfer import ImportRejected, column_label, import_places


class Command(BaseCommand):
    help = ("Create and update places from an xlsx file, all or nothing, acting as a district administrator. "
            "Every error is listed with its row and column; the exit status is non-zero when there is one.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx file to read")
        parser.add_argument("--as", dest="username", required=True, help="username of a district administrator")

    def handle(self, *args, file: Path, username: str, **options):
        user = acting_user(username)
        if not file.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        with file.open("rb") as handle:
            try:
                result = import_places(file=handle, by=user)
            except ImportRejected as exc:
                for error in exc.errors:
                    where = _("row %(row)s") % {"row": error.row} if error.row else _("file")
                    if error.column:
                        where += ", " + _("column %(column)s") % {"column": column_label(error.column)}
                    self.stderr.write(f"{where}: {error.message}")
                raise CommandError(_("%(n)s error(s); nothing was imported.") % {"n": len(exc.errors)}) from None
        self.stdout.write(_("%(created)s created, %(updated)s updated, %(moved)s moved, %(unchanged)s unchanged.")
                          % vars(result))
