"""The ``shiliu`` command: Django's management commands with Shiliu's settings.

    shiliu demo              set up and run the demo at http://127.0.0.1:8000 (web + worker)
    shiliu serve             run the web server (gunicorn) and a worker beside it
    shiliu worker            run background tasks
    shiliu demo_data         load the demo district (idempotent)
    shiliu places_export F   / places_import F     the place tree as xlsx
    shiliu audit_verify      check the audit trail's hash chain
    shiliu newkey            print a new key for SHILIU_FIELD_KEY
    shiliu <any Django management command>
"""

import os
import sys
from pathlib import Path


def _load_env_file(path: Path) -> None:
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip())


def demo_environment() -> None:
    """Demo profile: keys kept in var/demo.env, created with fresh random values on first run."""
    from cryptography.fernet import Fernet

    os.environ.setdefault("SHILIU_ENV", "demo")
    var = Path(os.environ.get("SHILIU_VAR_DIR") or Path.cwd() / "var")
    var.mkdir(parents=True, exist_ok=True)
    env_file = var / "demo.env"
    if not env_file.exists():
        import secrets

        env_file.write_text(
            "# Keys of the local demo database. Not for production.\n"
            f"SECRET_KEY={secrets.token_urlsafe(48)}\n"
            f"SHILIU_FIELD_KEY={Fernet.generate_key().decode()}\n"
            f"SHILIU_INDEX_KEY={secrets.token_urlsafe(32)}\n"
        )
        env_file.chmod(0o600)
    _load_env_file(env_file)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command in {"demo", "demo_otp"} or os.environ.get("SHILIU_ENV") == "demo":
        demo_environment()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shiliu.settings")
    from shiliu.core.i18n import compile_catalogs

    compile_catalogs()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shiliu", *argv[1:]])


if __name__ == "__main__":
    main()
