from django.core.management.base import BaseCommand

from shiliu.notify.delivery import deliver_due


class Command(BaseCommand):
    help = "Deliver the notifications that are due, once (the worker does this every 30 seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="At most this many messages (default 1000).")

    def handle(self, *args, **options):
        counts = deliver_due(limit=max(options["limit"], 1))
        summary = ", ".join(f"{status} {n}" for status, n in sorted(counts.items())) or "nothing was due"
        self.stdout.write(summary)
