import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from shiliu.core.keycheck import verify_field_key


class Command(BaseCommand):
    help = "Run the web server (gunicorn) with a background worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("SHILIU_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("SHILIU_WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true", help="Do not start a task worker.")

    def handle(self, *args, **options):
        verify_field_key()
        if not settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        children = []
        if not options["no_worker"]:
            children.append(subprocess.Popen([sys.executable, "-m", "shiliu.cli", "worker"]))  # noqa: S603
        web = subprocess.Popen([  # noqa: S603
            sys.executable, "-m", "gunicorn", "shiliu.wsgi:application", "--bind", options["bind"],
            "--workers", str(options["workers"]), "--threads", "4", "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("SHILIU_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ])
        children.append(web)

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Shiliu is serving at http://{options['bind']}  (Ctrl+C stops it)")
        try:
            web.wait()
        finally:
            stop()
            for child in children:
                child.wait(timeout=10)
