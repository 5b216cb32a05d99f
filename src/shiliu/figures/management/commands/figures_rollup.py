from django.core.management.base import BaseCommand

from shiliu.figures.rollup import rollup_all, rollup_changes


class Command(BaseCommand):
    help = "Refresh the dashboards' daily figures from the work orders (the worker does this every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rebuild every day, not only the changed ones.")

    def handle(self, *args, **options):
        days = rollup_all() if options["all"] else rollup_changes()
        self.stdout.write(f"figures: {days} day(s) recomputed")
