"""Issuing and revoking Open311 keys (command line: shiliu open311_key)."""

from django.db import transaction

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import role_grant
from shiliu.audit.services import audit_write
from shiliu.open311.models import Open311Client
from shiliu.places.models import Place


@transaction.atomic
def client_create(*, name: str, place: Place, trusted: bool, by=None) -> tuple[Open311Client, str]:
    """A new client and its key (returned once, never stored). Its account holds the operator's
    role at ``place`` so that requests are opened and read within that subtree only."""
    account = User(username=f"open311-{name}"[:150], display_name=f"Open311: {name}"[:60], is_active=True,
                   machine=True)
    account.set_unusable_password()
    account.save()
    role_grant(user=account, role=Role.OPERATOR, place=place, by=by)
    key = Open311Client.new_key()
    client = Open311Client.objects.create(name=name, key_prefix=key[:12], key_hash=Open311Client.hash(key),
                                          place=place, account=account, trusted=trusted)
    audit_write(by=by, action="open311.client_create", target=client, detail={"trusted": trusted,
                                                                              "place": place.pk})
    return client, key


@transaction.atomic
def client_revoke(*, client: Open311Client, by=None) -> None:
    Open311Client.objects.filter(pk=client.pk).update(active=False)
    User.objects.filter(pk=client.account_id).update(is_active=False)
    audit_write(by=by, action="open311.client_revoke", target=client)
