import getpass
import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant
from shiliu.places.models import Place, PlaceKind
from shiliu.places.services import place_create


class Command(BaseCommand):
    help = ("First start of a new deployment: create the district (the top place) and its first "
            "district administrator, who then sets up everything else in the pages.")

    def add_arguments(self, parser):
        parser.add_argument("--district-code", required=True, help="Stable code, e.g. the area code 330206")
        parser.add_argument("--district-name", required=True, help="e.g. 北仑区")
        parser.add_argument("--district-name-en", default="")
        parser.add_argument("--admin", required=True, help="Username of the first district administrator")
        parser.add_argument("--admin-name", default="", help="Display name")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input")

    def handle(self, *args, **options):
        if User.objects.filter(username=options["admin"]).exists():
            raise CommandError(f"The user {options['admin']!r} exists already; nothing was changed.")
        if options["password_stdin"]:
            password = input().strip()
        else:
            password = getpass.getpass("Password for the administrator: ")
            if password != getpass.getpass("Again: "):
                raise CommandError("The two passwords differ; nothing was changed.")
        user = User(username=options["admin"], display_name=options["admin_name"])
        try:
            password_validation.validate_password(password, user)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        codes = [secrets.token_hex(5) for _ in range(8)]
        with transaction.atomic():
            user.save()
            password_set(user=user, raw=password, by=None)
            district = Place.objects.filter(code=options["district_code"]).first()
            if district is None:
                district = place_create(code=options["district_code"], kind=PlaceKind.DISTRICT,
                                        name=options["district_name"], name_en=options["district_name_en"],
                                        parent=None, by=user)
            role_grant(user=user, role=Role.DISTRICT_ADMIN, place=district, by=None)
            device = StaticDevice.objects.create(user=user, name="backup")
            StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        self.stdout.write(f"Created {district.name} ({district.code}) and its administrator {user.username}.")
        self.stdout.write("One-time backup codes for the second factor (shown only now; keep them safe):")
        for code in codes:
            self.stdout.write(f"  {code}")
        self.stdout.write("Sign in, then set up an authenticator app on the second-factor page.")
