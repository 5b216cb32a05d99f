"""B1–B3: protected values are ciphertext in the database, a wrong key fails loudly,
keys rotate, and exact lookups go through the blind index."""

import pytest
from django.db import connection
from django.test import override_settings

from shiliu.core import crypto
from shiliu.core.crypto import FieldKeyError
from shiliu.core.keycheck import verify_field_key
from shiliu.core.models import KeyCheck
from shiliu.core.tasks import rotate_field_keys
from shiliu.people.models import Resident
from shiliu.people.selectors import resident_search
from shiliu.people.services import resident_create

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"


@pytest.fixture
def resident(tree, people):
    return resident_create(by=people.admin, name="阿依古丽", place=tree.xieshu, basis="asked", phone=PHONE,
                           id_number=ID_NUMBER, ethnicity="05", consent_given_by="本人")


def _raw(resident_id: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, id_number, ethnicity, phone_index, id_number_index FROM people_resident "
                       "WHERE id = %s", [resident_id])
        return dict(zip(["phone", "id_number", "ethnicity", "phone_index", "id_number_index"], cursor.fetchone(),
                        strict=True))


def test_protected_columns_hold_ciphertext_only(resident):
    raw = _raw(resident.pk)
    for column in ("phone", "id_number", "ethnicity"):
        assert raw[column].startswith("gAAAA"), column  # a Fernet token
    assert "13912345678" not in str(raw) and "5678" not in raw["phone"]
    assert ID_NUMBER not in str(raw) and "19491231" not in str(raw)
    assert crypto.decrypt(raw["id_number"]) == ID_NUMBER
    assert crypto.decrypt(raw["ethnicity"]) == "05"


def test_a_wrong_key_raises_and_never_returns_ciphertext(resident):
    with override_settings(SHILIU_FIELD_KEYS=[crypto.new_key()]):
        with pytest.raises(FieldKeyError):
            Resident.objects.get(pk=resident.pk)
        with pytest.raises(FieldKeyError):
            list(Resident.objects.values_list("id_number", flat=True))
    assert Resident.objects.get(pk=resident.pk).id_number == ID_NUMBER


def test_a_new_key_first_still_reads_old_rows_and_rotation_re_encrypts(settings, resident):
    old = list(settings.SHILIU_FIELD_KEYS)
    new = crypto.new_key()
    with override_settings(SHILIU_FIELD_KEYS=[new, *old]):
        assert Resident.objects.get(pk=resident.pk).id_number == ID_NUMBER
        before = _raw(resident.pk)["id_number"]
        counts = rotate_field_keys.call()
        assert counts["people.Resident"] >= 1
        after = _raw(resident.pk)["id_number"]
        assert after != before
    with override_settings(SHILIU_FIELD_KEYS=[new]):  # the old key can now go
        row = Resident.objects.get(pk=resident.pk)
        assert (row.id_number, row.phone, row.ethnicity) == (ID_NUMBER, "+86" + PHONE, "05")
    with override_settings(SHILIU_FIELD_KEYS=old), pytest.raises(FieldKeyError):
        Resident.objects.get(pk=resident.pk)


def test_rotate_re_encrypts_a_token_under_the_first_key():
    old, new = crypto.new_key(), crypto.new_key()
    with override_settings(SHILIU_FIELD_KEYS=[old]):
        token = crypto.encrypt("secret")
    with override_settings(SHILIU_FIELD_KEYS=[new, old]):
        rotated = crypto.rotate(token)
    with override_settings(SHILIU_FIELD_KEYS=[new]):
        assert crypto.decrypt(rotated) == "secret"
        with pytest.raises(FieldKeyError):
            crypto.decrypt(token)


def test_the_blind_index_finds_the_exact_number_and_is_not_the_number(people, resident):
    raw = _raw(resident.pk)
    assert len(raw["id_number_index"]) == 64 and ID_NUMBER not in raw["id_number_index"]
    assert list(resident_search(people.admin, ID_NUMBER)) == [resident]
    assert list(resident_search(people.admin, "110105194912310037")) == []  # another valid number
    assert list(resident_search(people.admin, PHONE)) == [resident]
    with override_settings(SHILIU_INDEX_KEY="another-index-key"):
        assert list(resident_search(people.admin, ID_NUMBER)) == []  # the index is keyed


def test_the_id_number_is_unique_through_its_index(tree, people, resident):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        resident_create(by=people.admin, name="重复", place=tree.xieshu, basis="asked", id_number=ID_NUMBER)
    assert "id_number" in error.value.message_dict


def test_keycheck_refuses_a_wrong_key(db):
    verify_field_key()  # writes the canary on a new database
    assert KeyCheck.objects.count() == 1
    verify_field_key()  # and accepts the right key
    with override_settings(SHILIU_FIELD_KEYS=[crypto.new_key()]), pytest.raises(FieldKeyError):
        verify_field_key()
