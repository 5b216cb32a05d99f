from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import role_grant, token_issue
from shiliu.audit.services import audit_write
from shiliu.places.models import Place


class Command(BaseCommand):
    help = ("Issue an API token for an integration (the phone system, a partner's system): an account "
            "that has no password, never signs in on the pages and holds one role at one place. "
            "The token is printed once.")

    def add_arguments(self, parser):
        parser.add_argument("name", help="The integration's account name, e.g. pbx-daqi")
        # Integrations hold integration roles only: never one that reads residents or their history.
        parser.add_argument("--role", default=Role.PHONE_SYSTEM, choices=[Role.PHONE_SYSTEM])
        parser.add_argument("--place", required=True, help="Code of the place where the role is held")
        parser.add_argument("--days", type=int, default=365, help="How long the token lasts (at most 365)")

    @transaction.atomic
    def handle(self, *args, name, role, place, days, **options):
        if not 1 <= days <= 365:
            raise CommandError("--days is between 1 and 365")
        where = Place.objects.filter(code=place).first()
        if where is None:
            raise CommandError(f"no place with code {place!r}")
        user = User.objects.filter(username=name).first()
        if user is None:
            user = User(username=name, display_name=name, machine=True)
            user.set_unusable_password()
            user.save()
            audit_write(by=None, action="user.create_machine", target=user, detail={"role": role, "place": where.pk})
        elif not user.machine:
            raise CommandError(f"{name!r} is a person's account; choose another name for the integration")
        if not user.role_assignments.filter(role=role, place=where, is_active=True).exists():
            role_grant(user=user, role=role, place=where, by=None)
        _token, secret = token_issue(user=user, name=f"{name} (machine)", days=days)
        self.stdout.write(secret)
