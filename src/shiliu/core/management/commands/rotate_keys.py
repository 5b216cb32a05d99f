from django.core.management.base import BaseCommand

from shiliu.core.tasks import rotate_field_keys


class Command(BaseCommand):
    help = "Re-encrypt all protected fields under the newest SHILIU_FIELD_KEY (queued for the worker, or --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing for the worker.")

    def handle(self, *args, **options):
        if options["now"]:
            counts = rotate_field_keys.call()
            self.stdout.write(f"Re-encrypted: {counts}")
        else:
            result = rotate_field_keys.enqueue()
            self.stdout.write(f"Queued key rotation as task {result.id}; `shiliu worker` runs it.")
