from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the demo district (once), print the demo accounts and serve with a worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--setup-only", action="store_true", help="Prepare the database, do not serve.")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("demo_data")
        if not options["setup_only"]:
            call_command("serve", bind=options["bind"])
