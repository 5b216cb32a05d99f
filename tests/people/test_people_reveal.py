"""Revealing a full number: permission, recent re-authentication (C7), a reason, an audit record (B1)."""

import pytest
from people_helpers import ID_NUMBER, PASSWORD

from shiliu.audit.models import AuditEvent


def url(resident) -> str:
    return f"/residents/{resident.pk}/reveal/"


def reauth(client):
    response = client.post("/accounts/reauth/", {"password": PASSWORD, "next": "/"})
    assert response.status_code == 302


def reveals():
    return AuditEvent.objects.filter(kind="reveal")


def test_without_recent_reauthentication_the_user_is_sent_to_confirm_it(people, residents, login, client):
    login(people.worker)
    response = client.post(url(residents.xieshu), {"field": "phone", "reason": "回访核实联系方式"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/reauth/?next=%2Fresidents%2F{residents.xieshu.pk}%2F"
    assert not reveals().exists()


def test_htmx_request_without_reauthentication_is_redirected_by_header(people, residents, login, client):
    login(people.worker)
    response = client.post(url(residents.xieshu), {"field": "phone", "reason": "回访核实联系方式"},
                           HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith("/accounts/reauth/?next=")
    assert not reveals().exists()


def test_after_reauthentication_the_full_phone_is_shown_once_and_audited(people, residents, login, client):
    login(people.worker)
    reauth(client)
    response = client.post(url(residents.xieshu), {"field": "phone", "reason": "回访核实联系方式"})
    assert response.status_code == 200
    assert "13812345678" in response.content.decode()
    event = reveals().get()
    assert (event.action, event.subject_id, event.category, event.reason, event.actor) == (
        "resident.reveal.phone", residents.xieshu.pk, "contact", "回访核实联系方式", people.worker)
    # the page itself stays masked
    assert "13812345678" not in client.get(f"/residents/{residents.xieshu.pk}/").content.decode()


def test_htmx_reveal_answers_with_the_partial_only(people, residents, login, client):
    login(people.worker)
    reauth(client)
    response = client.post(url(residents.xieshu), {"field": "id_number", "reason": "办理社保核对身份"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert ID_NUMBER in html and "<html" not in html
    assert reveals().get().category == "identity"


@pytest.mark.parametrize("reason", ["", "  ", "看"])
def test_reason_is_required_with_a_clear_message(people, residents, login, client, reason):
    login(people.worker)
    reauth(client)
    response = client.post(url(residents.xieshu), {"field": "phone", "reason": reason})
    html = response.content.decode()
    assert "13812345678" not in html
    assert "说明" in " ".join(response.context["form"].errors["reason"])
    assert not reveals().exists()


def test_an_unknown_field_cannot_be_revealed(people, residents, login, client):
    login(people.worker)
    reauth(client)
    response = client.post(url(residents.xieshu), {"field": "ethnicity", "reason": "回访核实联系方式"})
    assert "field" in response.context["form"].errors
    assert not reveals().exists()


def test_reveal_outside_the_subtree_is_not_found(people, residents, login, client):
    login(people.other_worker)
    reauth(client)
    assert client.post(url(residents.xieshu), {"field": "phone", "reason": "回访核实联系方式"}).status_code == 404
    assert not reveals().exists()


@pytest.mark.parametrize("persona", ["operator", "auditor", "liaison", "nobody"])
def test_roles_without_reveal_are_refused(people, residents, login, client, persona):
    login(getattr(people, persona))
    reauth(client)
    assert client.post(url(residents.xieshu), {"field": "phone", "reason": "回访核实联系方式"}).status_code == 403
    assert not reveals().exists()


def test_reveal_needs_post(people, residents, login, client):
    login(people.worker)
    assert client.get(url(residents.xieshu)).status_code == 405
