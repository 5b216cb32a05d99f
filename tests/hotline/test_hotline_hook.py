"""The telephony hook POST /api/v1/hotline/calls: who may call it, idempotent events, events out
of order, numbers normalised to E.164 before matching, hidden numbers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from hotline_helpers import LANDLINE, MOBILE, open_order_at

from shiliu.audit.models import AuditEvent
from shiliu.hotline.choices import CallState, Outcome
from shiliu.hotline.models import Call, CallEvent
from shiliu.hotline.phones import caller_e164
from shiliu.people.services import phone_index, resident_create

pytestmark = pytest.mark.django_db
URL = "/api/v1/hotline/calls"


def post(client, headers, **body):
    return client.post(URL, body, content_type="application/json", **headers)


def at(seconds_ago: int) -> str:
    return (timezone.now() - timedelta(seconds=seconds_ago)).isoformat()


def test_without_a_token_the_hook_answers_401_and_records_nothing(hl, client):
    response = post(client, {}, event="ringing", call_id="x1", caller=LANDLINE)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not Call.objects.exists()


def test_a_wrong_token_is_refused(hl, client):
    response = post(client, {"HTTP_AUTHORIZATION": "Bearer shl_not-a-token"}, event="ringing", call_id="x1")
    assert response.status_code == 401
    assert not Call.objects.exists()


@pytest.mark.parametrize("persona", ["worker", "officer", "liaison", "auditor"])
def test_an_account_without_hotline_take_gets_403(hl, people, client, token_for, persona):
    response = post(client, token_for(getattr(people, persona)), event="ringing", call_id="x1", caller=LANDLINE)
    assert response.status_code == 403
    assert not Call.objects.exists()


def test_ringing_records_a_call_at_the_phone_systems_hotline(hl, client, token_for):
    response = post(client, token_for(hl.pbx), event="ringing", call_id="abc-1", caller="0574-8688 1234",
                    at=at(3))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["changed"] is True
    call = Call.objects.get()
    assert body["call"]["id"] == call.pk and body["call"]["state"] == "ringing"
    assert body["call"]["caller_masked"] == "574****1234"  # masked, never the number (B1)
    assert LANDLINE[-8:] not in response.content.decode()
    assert (call.place, call.source, call.external_id) == (hl.tree.daqi, "pbx-daqi", "abc-1")
    assert call.caller_phone == "+8657486881234"
    assert call.caller_index == phone_index("+8657486881234")
    assert AuditEvent.objects.filter(action="hotline.call.ringing", target_id=str(call.pk)).exists()


def test_a_repeated_event_changes_nothing(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="abc-1", caller=LANDLINE, at=at(30))
    post(client, headers, event="answered", call_id="abc-1", at=at(20), operator="operator")
    call = Call.objects.get()
    audits = AuditEvent.objects.count()
    for _ in range(3):  # the phone system retries
        response = post(client, headers, event="answered", call_id="abc-1", at=at(5), operator="xieshu_worker")
        assert response.status_code == 200 and response.json()["changed"] is False
        response = post(client, headers, event="ringing", call_id="abc-1", caller=MOBILE, at=at(1))
        assert response.json()["changed"] is False
    again = Call.objects.get()
    assert (again.state, again.answered_at, again.operator, again.caller_phone, again.started_at) == (
        call.state, call.answered_at, call.operator, call.caller_phone, call.started_at)
    assert CallEvent.objects.count() == 2
    assert AuditEvent.objects.count() == audits  # nothing written for a retry


def test_answered_then_ended_makes_an_answered_call_with_operator_and_recording(hl, people, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(300))
    post(client, headers, event="answered", call_id="c1", at=at(290), operator="operator")
    response = post(client, headers, event="ended", call_id="c1", at=at(10), recording_ref="rec/2026/c1.wav")
    call = Call.objects.get()
    assert call.state == CallState.ENDED and call.operator == people.operator
    assert call.answered_at < call.ended_at and call.outcome == ""
    assert call.recording_ref == "rec/2026/c1.wav"
    assert response.json()["call"]["operator"] == "operator"


def test_an_operator_the_phone_system_names_by_extension_is_kept_as_the_extension(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(30))
    post(client, headers, event="answered", call_id="c1", at=at(20), operator="8001")
    call = Call.objects.get()
    assert call.operator is None and call.extension == "8001"


def test_someone_without_hotline_take_there_is_not_made_the_operator(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(30))
    post(client, headers, event="answered", call_id="c1", at=at(20), operator="xinqi-operator")
    assert Call.objects.get().operator is None  # another subdistrict's operator


def test_ended_without_answered_is_missed(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(30))
    post(client, headers, event="ended", call_id="c1", at=at(10))
    call = Call.objects.get()
    assert (call.state, call.outcome, call.answered_at) == (CallState.MISSED, Outcome.MISSED, None)


def test_ended_arriving_before_answered_is_corrected_when_answered_arrives(hl, people, client, token_for):
    """The events overtook each other: "ended" came first (missed, for now); the late
    "answered" happened before the end, so the call was answered after all."""
    headers = token_for(hl.pbx)
    post(client, headers, event="ended", call_id="c1", caller=MOBILE, at=at(10))
    call = Call.objects.get()
    assert call.state == CallState.MISSED
    post(client, headers, event="answered", call_id="c1", at=at(50), operator="operator")
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(60))
    call = Call.objects.get()
    assert call.state == CallState.ENDED and call.outcome == ""
    assert call.operator == people.operator
    assert call.started_at < call.answered_at < call.ended_at


def test_an_answered_after_the_end_does_not_resurrect_a_missed_call(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(60))
    post(client, headers, event="ended", call_id="c1", at=at(50))
    post(client, headers, event="answered", call_id="c1", at=at(10), operator="operator")
    call = Call.objects.get()
    assert (call.state, call.outcome, call.operator) == (CallState.MISSED, Outcome.MISSED, None)


def test_answered_before_ringing_arrives_first_and_ringing_only_moves_the_start(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="answered", call_id="c1", caller=MOBILE, at=at(20), operator="operator")
    assert Call.objects.get().state == CallState.ANSWERED
    post(client, headers, event="ringing", call_id="c1", caller=MOBILE, at=at(40))
    call = Call.objects.get()
    assert call.state == CallState.ANSWERED
    assert timezone.now() - call.started_at > timedelta(seconds=35)


def test_the_same_call_id_from_two_phone_systems_is_two_calls(hl, client, token_for):
    post(client, token_for(hl.pbx), event="ringing", call_id="1", caller=MOBILE, at=at(5))
    post(client, token_for(hl.pbx_xinqi), event="ringing", call_id="1", caller=MOBILE, at=at(5))
    assert Call.objects.count() == 2
    assert set(Call.objects.values_list("place", flat=True)) == {hl.tree.daqi.pk, hl.tree.xinqi.pk}


@pytest.mark.parametrize("spelling", ["0574-8688 1234", "+86 574 86881234", "057486881234", "(0574) 86881234",
                                      "86881234"])
def test_the_landline_spellings_are_one_caller(spelling):
    """8688 1234 without the area code: the exchange's local number, in 0574."""
    assert caller_e164(spelling) == "+8657486881234"


@pytest.mark.parametrize("spelling", ["138 1234 5678", "13812345678", "+86 138-1234-5678", "8613812345678"])
def test_the_mobile_spellings_are_one_caller(spelling):
    assert caller_e164(spelling) == "+8613812345678"


def test_three_spellings_through_the_hook_match_each_other_and_a_residents_number(hl, people, client, token_for):
    resident_create(by=people.worker, name="马晓东", place=hl.tree.xieshu, basis="asked", phone="0574 86881234")
    headers = token_for(hl.pbx)
    for i, spelling in enumerate(["0574-8688 1234", "+86 574 86881234", "057486881234"]):
        post(client, headers, event="ringing", call_id=f"s{i}", caller=spelling, at=at(5))
    assert len(set(Call.objects.values_list("caller_index", flat=True))) == 1
    response = client.post("/api/v1/hotline/lookup", {"phone": "0574-86881234"}, content_type="application/json",
                           **token_for(people.operator))
    assert response.status_code == 200
    body = response.json()
    assert len(body["calls"]) == 3 and [r["name"] for r in body["residents"]] == ["马晓东"]


@pytest.mark.parametrize("caller", ["", "anonymous", "Restricted", "PRIVATE-NUMBER-xyz", "12", "+0000", "sip:abc@pbx",
                                    "1" * 40])
def test_a_hidden_or_unreadable_number_is_no_number_and_its_text_is_not_kept(hl, client, token_for, caller):
    response = post(client, token_for(hl.pbx), event="ringing", call_id="h1", caller=caller, at=at(5))
    assert response.status_code == 200
    call = Call.objects.get()
    assert call.caller_phone == "" and call.caller_index == "" and call.hidden_number
    assert response.json()["call"]["hidden_number"] is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT caller_phone, caller_index, external_id, source, extension, recording_ref "
                       "FROM hotline_call")
        row = cursor.fetchone()
    assert row[0] == "" and (not caller or all(caller not in str(v) for v in row))


def test_a_later_event_fills_in_a_number_the_first_one_lacked(hl, client, token_for):
    headers = token_for(hl.pbx)
    post(client, headers, event="ringing", call_id="c1", caller="", at=at(20))
    post(client, headers, event="answered", call_id="c1", caller=MOBILE, at=at(10))
    assert Call.objects.get().caller_phone == "+8613812345678"


def test_bad_input_answers_422_per_field_and_records_nothing(hl, client, token_for):
    headers = token_for(hl.pbx)
    response = post(client, headers, event="hangup", call_id="", caller=MOBILE, colour="red")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"event", "call_id", "colour"} <= set(errors)
    response = post(client, headers, event="ringing", call_id="c1", at=(timezone.now() + timedelta(hours=2))
                    .isoformat())
    assert response.status_code == 422 and "at" in response.json()["errors"]
    response = post(client, headers, event="ringing", call_id="c1", recording_ref="r" * 5000)
    assert response.status_code == 422
    assert not Call.objects.exists()


def test_an_account_for_several_hotlines_must_name_the_place_and_only_its_own(hl, people, client, token_for):
    headers = token_for(people.admin)  # district administrator: hotline.take everywhere
    response = post(client, headers, event="ringing", call_id="c1", caller=MOBILE, place="330206001")
    assert response.status_code == 200 and Call.objects.get().place == hl.tree.xinqi
    response = post(client, token_for(hl.pbx), event="ringing", call_id="c2", caller=MOBILE, place="330206001")
    assert response.status_code == 422 and "place" in response.json()["errors"]


def test_the_list_shows_only_calls_of_the_users_hotlines(hl, people, client, token_for):
    hl.ring(MOBILE)
    hl.ring(LANDLINE, pbx=hl.pbx_xinqi)
    response = client.get(URL, **token_for(people.operator))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["place"]["code"] == "330206003"
    assert body["items"][0]["caller_masked"] == "138****5678"
    assert AuditEvent.objects.filter(action="hotline.call.list", actor=people.operator).exists()
    assert client.get(URL, **token_for(people.admin)).json()["count"] == 2
    assert client.get(URL, **token_for(people.worker)).status_code == 403


def test_a_call_of_another_subdistrict_is_404_like_a_missing_one(hl, people, client, token_for):
    other = hl.ring(LANDLINE, pbx=hl.pbx_xinqi)
    headers = token_for(people.operator)
    assert client.get(f"{URL}/{other.pk}", **headers).status_code == 404
    assert client.get(f"{URL}/999999", **headers).status_code == 404
    assert client.post(f"{URL}/{other.pk}/take", **headers).status_code == 404
    assert Call.objects.get(pk=other.pk).operator is None


def test_lookup_is_a_post_and_shows_nothing_from_another_subdistrict(hl, people, client, token_for):
    hl.ring(MOBILE)
    hl.ring(MOBILE, pbx=hl.pbx_xinqi)
    open_order_at(hl, hl.tree.xieshu, MOBILE)
    open_order_at(hl, hl.tree.dagang, MOBILE)
    resident_create(by=people.other_worker, name="别处居民", place=hl.tree.dagang, basis="asked", phone=MOBILE)
    headers = token_for(people.operator)
    assert client.get("/api/v1/hotline/lookup", **headers).status_code == 405  # never a number in a URL
    response = client.post("/api/v1/hotline/lookup", {"phone": "138 1234 5678"}, content_type="application/json",
                           **headers)
    body = response.json()
    assert len(body["calls"]) == 1 and len(body["orders"]) == 1 and body["residents"] == []
    assert body["orders"][0]["place"]["code"] == hl.tree.xieshu.code
    event = AuditEvent.objects.get(action="hotline.caller_lookup")
    assert event.category == "contact" and event.actor == people.operator
    assert "13812345678" not in str(event.detail)
    response = client.post("/api/v1/hotline/lookup", {"phone": "12"}, content_type="application/json", **headers)
    assert response.status_code == 422 and "phone" in response.json()["errors"]
