from pathlib import Path

from django.core.management.base import BaseCommand

from shiliu.places.management.commands._transfer import acting_user
from shiliu.places.transfer import export_places


class Command(BaseCommand):
    help = "Write the place tree to an xlsx file, acting as a district administrator (audited)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx file to write")
        parser.add_argument("--as", dest="username", required=True, help="username of a district administrator")

    def handle(self, *args, file: Path, username: str, **options):
        user = acting_user(username)
        data = export_places(by=user)
        file.write_bytes(data)
        self.stdout.write(f"{file}: {len(data)} bytes")
