"""D3: roles without the need never receive ethnicity or ID numbers.
A2: ethnicity changes no decision (property test). A3: consent and its withdrawal."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiliu.access.policy import ALL_CAPS, Cap, role_has
from shiliu.access.scope import can
from shiliu.audit.models import AuditEvent
from shiliu.people.choices import CONSENT_NOTICES, CURRENT_NOTICE, ETHNICITY_CODES, ConsentCategory
from shiliu.people.masking import mask_id_number
from shiliu.people.models import Consent, Resident
from shiliu.people.selectors import resident_get, resident_search, resident_view
from shiliu.people.services import consent_withdraw, resident_create, resident_update

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
PERSONAS = ["admin", "auditor", "officer", "worker", "other_worker", "operator", "liaison", "nobody"]
ETHNICITY_KEYS = {"ethnicity", "ethnicity_label", "ethnicity_consent"}
ID_KEYS = {"id_number_masked", "id_number_needs_review"}
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(born: date, sequence: int) -> str:
    """A GB 11643 number of 北仑区 with its check digit."""
    body = f"330206{born:%Y%m%d}{sequence:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]


def _roles(user) -> list[str]:
    return [a.role for a in user.active_roles]


@pytest.fixture
def resident(tree, people):
    return resident_create(by=people.admin, name="阿依古丽", place=tree.xieshu, basis="asked", phone=PHONE,
                           id_number=ID_NUMBER, ethnicity="05", consent_given_by="本人")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_receives_exactly_the_fields_its_capabilities_allow(people, resident, persona):
    user = getattr(people, persona)
    if not can(user, Cap.RESIDENT_VIEW, resident.place):
        with pytest.raises(Http404):
            resident_get(user, resident.pk)
        return
    view = resident_view(resident_get(user, resident.pk), user)
    may_id = any(role_has(r, Cap.RESIDENT_ID_NUMBER) for r in _roles(user))
    may_sensitive = any(role_has(r, Cap.RESIDENT_SENSITIVE) for r in _roles(user))
    assert (ID_KEYS <= view.keys()) is may_id and not (ID_KEYS & view.keys() and not may_id)
    assert (ETHNICITY_KEYS <= view.keys()) is may_sensitive and not (ETHNICITY_KEYS & view.keys() and not may_sensitive)
    flat = repr(view)
    if not may_id:
        assert ID_NUMBER not in flat and mask_id_number(ID_NUMBER) not in flat and ID_NUMBER[-4:] not in flat
    if not may_sensitive:
        assert "维吾尔" not in flat and "Uyghur" not in flat
    assert PHONE not in flat  # the phone is always masked


def test_the_operator_gets_neither_ethnicity_nor_id_number(people, resident):
    view = resident_view(resident_get(people.operator, resident.pk), people.operator)
    assert not (ETHNICITY_KEYS | ID_KEYS) & view.keys()
    assert view["phone_masked"] == "139****5678"


def test_the_worker_gets_both_masked(people, resident):
    view = resident_view(resident_get(people.worker, resident.pk), people.worker)
    assert view["id_number_masked"] == "110105********002X"
    assert view["ethnicity"] == "05"


# --- A2: changing ethnicity changes no decision -----------------------------------------------

DECIDERS = ["admin", "officer", "worker", "other_worker", "operator", "liaison", "auditor"]
SHOWN_APART_FROM_ETHNICITY = {"ethnicity", "ethnicity_label", "ethnicity_consent", "version"}


def _decisions(people, resident: Resident, queries: list[str]) -> dict:
    out = {}
    resident = Resident.objects.select_related("place", "ethnicity_consent").get(pk=resident.pk)
    for name in DECIDERS:
        user = getattr(people, name)
        out[name] = {
            "caps": {cap: can(user, cap, resident.place) for cap in sorted(ALL_CAPS)},
            "search": {q: sorted(resident_search(user, q).values_list("pk", flat=True)) for q in queries},
            "view": ({k: str(v) for k, v in resident_view(resident, user).items()
                      if k not in SHOWN_APART_FROM_ETHNICITY}
                     if can(user, Cap.RESIDENT_VIEW, resident.place) else None),
        }
    return out


class _Rollback(Exception):
    pass


CODES = sorted(ETHNICITY_CODES) + [""]


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.sampled_from(CODES), after=st.sampled_from(CODES),
       place=st.sampled_from(["xieshu", "jiufeng", "dagang", "daqi"]),
       name=st.text(alphabet="阿依古丽买提张王李马", min_size=1, max_size=4),
       born=st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)),
       sequence=st.integers(min_value=0, max_value=999), phone_tail=st.integers(min_value=0, max_value=99_999_999))
def test_changing_ethnicity_changes_no_scope_search_or_shown_field(tree, people, before, after, place, name, born,
                                                                  sequence, phone_tail):
    number, phone = id_number(born, sequence), f"139{phone_tail:08d}"
    try:
        with transaction.atomic():
            resident = resident_create(by=people.admin, name=name, place=getattr(tree, place), basis="asked",
                                       phone=phone, id_number=number, ethnicity=before, consent_given_by="本人")
            queries = [name, phone, number, name[:1]]
            first = _decisions(people, resident, queries)
            resident_update(resident=resident, by=people.admin, version=resident.version, ethnicity=after,
                            consent_given_by="本人")
            assert Resident.objects.get(pk=resident.pk).ethnicity == after  # the change really happened
            assert _decisions(people, resident, queries) == first
            raise _Rollback
    except _Rollback:
        pass


# --- A3: consent ------------------------------------------------------------------------------

def test_consent_records_who_when_purpose_and_notice_version(people, resident):
    consent = resident.ethnicity_consent
    version = CURRENT_NOTICE[ConsentCategory.ETHNICITY]
    assert (consent.category, consent.given_by, consent.recorded_by) == (
        ConsentCategory.ETHNICITY, "本人", people.admin)
    assert consent.notice_version == version
    assert consent.purpose == CONSENT_NOTICES[version]["purpose"]
    assert consent.given_at is not None and consent.withdrawn_at is None
    assert AuditEvent.objects.filter(action="consent.give", subject_id=resident.pk).exists()


def test_ethnicity_is_not_stored_without_a_named_consent(tree, people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        resident_create(by=people.admin, name="无同意", place=tree.xieshu, basis="asked", ethnicity="05")
    assert "consent_given_by" in error.value.message_dict
    assert not Resident.objects.filter(name="无同意").exists()


def test_withdrawal_erases_the_value_and_stops_its_use(people, resident):
    consent = resident.ethnicity_consent
    consent_withdraw(consent=consent, by=people.worker)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == people.worker
    with connection.cursor() as cursor:
        cursor.execute("SELECT ethnicity, ethnicity_consent_id FROM people_resident WHERE id = %s", [resident.pk])
        assert cursor.fetchone() == ("", None)
    view = resident_view(resident_get(people.worker, resident.pk), people.worker)
    assert view["ethnicity"] == "" and view["ethnicity_consent"] is None
    assert AuditEvent.objects.filter(action="consent.withdraw", subject_id=resident.pk).exists()
    assert Consent.objects.filter(pk=consent.pk).exists()  # the record of consent and withdrawal stays
