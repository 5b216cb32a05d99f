from django.core.management import call_command
from django.core.management.base import BaseCommand

from shiliu.core.keycheck import verify_field_key


class Command(BaseCommand):
    help = "Run background tasks from the database queue (django-tasks-db)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")

    def handle(self, *args, **options):
        verify_field_key()
        extra = ["--batch"] if options["batch"] else []
        call_command("db_worker", "--queue-name", "*", *extra)
