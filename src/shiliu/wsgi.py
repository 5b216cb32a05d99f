import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shiliu.settings")
application = get_wsgi_application()

from shiliu.core.keycheck import verify_field_key  # noqa: E402

verify_field_key()
