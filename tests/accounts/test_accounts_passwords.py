"""C2 password policy and rotation, C3 Argon2id hashing and upgrade at sign-in, E2 password change."""

from datetime import timedelta

import pytest
from accounts_helpers import PASSWORD, actions_since, audit_mark, sign_in
from django.contrib.auth.hashers import make_password
from django.utils import timezone


def _change(client, new: str):
    return client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new,
                                               "new_password2": new})


@pytest.mark.parametrize("weak", [
    "Xq7-Lm9-Kp2",        # 11 characters, all four classes
    "Password1234",        # on the common-password list
    "abcdefghjkmn2345",    # 16 characters, only two classes
], ids=["eleven_characters", "common_password", "two_character_classes"])
def test_weak_password_is_refused_next_to_its_field_and_nothing_changes(people, login, client, weak):
    login(people.worker)
    before = people.worker.password
    response = _change(client, weak)
    assert response.status_code == 200
    assert response.context["form"].errors["new_password1"]
    people.worker.refresh_from_db()
    assert people.worker.password == before


def test_twelve_characters_with_three_classes_are_accepted_and_audited(people, login, client):
    login(people.worker)
    mark = audit_mark()
    response = _change(client, "granary-lantern73")
    assert response.status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.check_password("granary-lantern73")
    assert actions_since(mark) == ["password.change"]


def test_password_older_than_the_maximum_age_sends_the_user_to_the_change_page(people, login, client, settings):
    login(people.worker)
    people.worker.password_changed_at = timezone.now() - timedelta(days=settings.SHILIU_PASSWORD_MAX_AGE_DAYS, hours=1)
    people.worker.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"
    assert client.get("/accounts/password/").status_code == 200
    assert _change(client, "Granary-Lantern-73").status_code == 302
    assert client.get("/").status_code == 200


def test_password_just_younger_than_the_maximum_age_is_not_sent_to_change(people, login, client, settings):
    login(people.worker)
    people.worker.password_changed_at = timezone.now() - timedelta(days=settings.SHILIU_PASSWORD_MAX_AGE_DAYS - 1)
    people.worker.save()
    assert client.get("/").status_code == 200


def test_password_set_by_someone_else_must_be_changed_at_first_sign_in(people, login, client):
    people.worker.password_changed_at = None
    people.worker.save()
    login(people.worker)
    assert client.get("/")["Location"] == "/accounts/password/"
    assert client.get("/accounts/me/")["Location"] == "/accounts/password/"


def test_new_hashes_are_argon2id(people):
    assert people.worker.password.startswith("argon2$argon2id$")


def test_pbkdf2_hash_is_upgraded_to_argon2id_at_sign_in(people, client):
    people.worker.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    people.worker.save()
    assert people.worker.password.startswith("pbkdf2_sha256$")
    assert sign_in(client, "xieshu_worker").status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.password.startswith("argon2$argon2id$")
