from django.core.management.base import BaseCommand

from shiliu.core.crypto import new_key


class Command(BaseCommand):
    help = "Print a new random key for SHILIU_FIELD_KEY."

    def handle(self, *args, **options):
        self.stdout.write(new_key())
