from django.core.management.base import BaseCommand, CommandError

from shiliu.open311.models import Open311Client
from shiliu.open311.services import client_create, client_revoke
from shiliu.places.models import Place


class Command(BaseCommand):
    help = "Issue (or revoke) the API key of an Open311 client. The key is printed once."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--place", help="Code of the place the client's requests are about (and below)")
        parser.add_argument("--trusted", action="store_true",
                            help="May read descriptions and requesters' names and phones")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, name, place=None, trusted=False, revoke=False, **options):
        if revoke:
            client = Open311Client.objects.filter(name=name).first()
            if client is None:
                raise CommandError(f"no Open311 client named {name!r}")
            client_revoke(client=client)
            self.stdout.write(f"revoked {name}")
            return
        if Open311Client.objects.filter(name=name).exists():
            raise CommandError(f"an Open311 client named {name!r} exists; revoke it or choose another name")
        where = Place.objects.filter(code=place).first() if place else Place.objects.filter(parent=None).first()
        if where is None:
            raise CommandError(f"no place with code {place!r}")
        _client, key = client_create(name=name, place=where, trusted=trusted)
        self.stdout.write(key)
