import time

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from shiliu.core.demo import DEMO_TOTP_SECRET_HEX


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo accounts (admin, auditor)."

    def handle(self, *args, **options):
        code = totp(bytes.fromhex(DEMO_TOTP_SECRET_HEX), step=30, digits=6)
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (valid for {left} more seconds)")
