import os
import subprocess
import sys
from pathlib import Path

import shiliu


def test_a_web_process_started_by_gunicorn_compiles_missing_catalogs(tmp_path):
    catalog = Path(shiliu.__file__).parent / "people" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    catalog.unlink(missing_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shiliu.settings_test",
           "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3"}
    subprocess.run([sys.executable, "-c", "import shiliu.wsgi"], env=env, check=True, timeout=120)  # noqa: S603
    assert catalog.exists()
