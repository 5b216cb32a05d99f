from django.core.management.base import BaseCommand

from shiliu.core.demo import DEMO_ACCOUNTS, DEMO_BACKUP_CODES, DEMO_PASSWORD, DEMO_TOTP_SECRET_B32, load_demo


class Command(BaseCommand):
    help = "Load the demo district, its staff accounts and synthetic residents. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=240)

    def handle(self, *args, **options):
        result = load_demo(residents=options["residents"])
        self.stdout.write(
            f"Demo district ready: {result['places']} places, {result['accounts']} accounts, "
            f"{result['residents_created']} residents added."
        )
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for username, display, role, _code, needs_2fa in DEMO_ACCOUNTS:
            extra = "  + second factor" if needs_2fa else ""
            self.stdout.write(f"  {username:<14} {role.label}  {display}{extra}")
        self.stdout.write(
            f"Second factor for admin and auditor: TOTP secret {DEMO_TOTP_SECRET_B32} in any authenticator app,\n"
            f"  or 'shiliu demo_otp' for the current code, or a backup code: {', '.join(DEMO_BACKUP_CODES[:3])} ..."
        )
