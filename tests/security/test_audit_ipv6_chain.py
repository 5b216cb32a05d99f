"""E3 with IPv6 callers: the hash covers the address as the database stores it, so the chain holds.

GenericIPAddressField stores IPv6 compressed and lower-case (2001:DB8:0:0::1 → 2001:db8::1);
a hash over the raw value would make audit_verify report records that nobody altered.
"""

import pytest

from shiliu.audit.models import AuditEvent
from shiliu.audit.services import audit_security, audit_verify_chain


@pytest.mark.parametrize("address, stored", [
    ("2001:DB8:0:0::1", "2001:db8::1"),
    ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
    ("::ffff:10.0.0.1", "::ffff:10.0.0.1"),
    ("10.0.0.1", "10.0.0.1"),
])
def test_a_record_with_any_address_form_keeps_the_chain(db, address, stored):
    event = audit_security(action="test.address", username="someone", address=address)
    assert event.address == stored
    assert AuditEvent.objects.get(pk=event.pk).address == stored
    assert audit_verify_chain()[1] == []


def test_an_ipv6_client_signing_in_and_refused_keeps_the_chain(people, login, client):
    ipv6 = {"REMOTE_ADDR": "2001:DB8:0:0:0:0:0:A"}
    client.defaults.update(ipv6)
    login(people.worker)
    assert client.get("/audit/").status_code == 403  # an access.denied record from the IPv6 address
    addresses = set(AuditEvent.objects.exclude(address=None).values_list("address", flat=True))
    assert "2001:db8::a" in addresses
    checked, broken = audit_verify_chain()
    assert checked > 2 and broken == []


def test_the_verify_command_holds_after_an_ipv6_api_call(people, token_for, client):
    client.get("/api/v1/audit/events", REMOTE_ADDR="2001:DB8::0:B", **token_for(people.auditor))
    assert AuditEvent.objects.filter(action="audit.list", address="2001:db8::b").exists()
    assert audit_verify_chain()[1] == []
