import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from shiliu.core.keycheck import verify_field_key
from shiliu.core.tasks import periodic_tasks

logger = logging.getLogger("shiliu.worker")


def _schedule(stop: threading.Event, tick: float = 10.0) -> None:
    """Enqueue each periodic task once per interval. Several workers may each enqueue:
    periodic tasks are idempotent, so a duplicate costs only a little work."""
    last: dict[str, float] = {}
    tasks = periodic_tasks()
    while not stop.is_set():
        now = time.monotonic()
        for periodic, interval in tasks:
            seen = last.get(periodic.name)
            if seen is None or now - seen >= interval.total_seconds():
                try:
                    periodic.enqueue()
                    last[periodic.name] = now
                except Exception:  # the database may be briefly unavailable; try next round
                    logger.exception("could not enqueue %s", periodic.name)
                finally:
                    close_old_connections()
        stop.wait(tick)


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
