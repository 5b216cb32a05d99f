import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from shiliu.core.keycheck import verify_field_key
from shiliu.core.tasks import PERIODIC

logger = logging.getLogger("shiliu.worker")


def _schedule(stop: threading.Event) -> None:
    """Enqueue each periodic task once per interval. Several workers may each enqueue:
    periodic tasks are idempotent, so a duplicate costs only a little work."""
    elapsed: dict[str, float | None] = {t.name: None for t, _ in PERIODIC}
    while not stop.is_set():
        for periodic, interval in PERIODIC:
            seconds = elapsed[periodic.name]
            if seconds is None or seconds >= interval.total_seconds():
                try:
                    periodic.enqueue()
                    elapsed[periodic.name] = 0
                except Exception:  # the database may be briefly unavailable; try next round
                    logger.exception("could not enqueue %s", periodic.name)
                finally:
                    close_old_connections()
            else:
                elapsed[periodic.name] = seconds + 60
        stop.wait(60)


class Command(BaseCommand):
    help = "Run background tasks from the database queue (django-tasks-db), and enqueue periodic ones."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")

    def handle(self, *args, **options):
        verify_field_key()
        stop = threading.Event()
        if not options["batch"]:
            threading.Thread(target=_schedule, args=(stop,), daemon=True, name="scheduler").start()
        try:
            call_command("db_worker", "--queue-name", "*", *(["--batch"] if options["batch"] else []))
        finally:
            stop.set()
