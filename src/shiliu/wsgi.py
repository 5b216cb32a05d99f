import os

from django.core.wsgi import get_wsgi_application

from shiliu.core.i18n import compile_catalogs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shiliu.settings")
# A web process started by gunicorn directly (not through the shiliu command) needs the
# catalogs too; only stale ones are written, atomically, so several workers may race.
compile_catalogs()
application = get_wsgi_application()

from shiliu.core.keycheck import verify_field_key  # noqa: E402

verify_field_key()
