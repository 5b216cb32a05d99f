"""Security review of my-data: the office's list API is audited like its page (E1); an
Idempotency-Key another phone already used is refused cleanly (never a 500, never their request)."""

from mydata_helpers import ME, OTHER

from shiliu.audit.models import AuditEvent
from shiliu.mydata.models import DataRequest
from shiliu.mydata.services import request_create
from shiliu.portal.identity import resident_token

API = "/api/v1/my-data"


def test_the_office_list_api_is_audited_like_the_page(people, held, token_for, client):
    made = request_create(phone=ME, kind="delete")
    listed = client.get(f"{API}/requests", **token_for(people.admin))
    assert listed.status_code == 200 and [r["reference"] for r in listed.json()["items"]] == [made.reference]
    record = AuditEvent.objects.get(action="mydata.request.list")
    assert record.detail["ids"] == [made.pk]


def test_another_phones_idempotency_key_is_refused_cleanly(client, held):
    theirs = client.post(f"{API}/mine/requests", {"kind": "delete", "text": "请删除"}, content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {resident_token(OTHER)}", HTTP_IDEMPOTENCY_KEY="key-1")
    assert theirs.status_code == 201
    mine = client.post(f"{API}/mine/requests", {"kind": "delete", "text": "请删除"}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {resident_token(ME)}", HTTP_IDEMPOTENCY_KEY="key-1")
    assert mine.status_code == 422 and theirs.json()["reference"] not in mine.content.decode()
    assert DataRequest.objects.count() == 1


def test_the_residents_requests_are_rate_limited_on_the_page_and_in_the_api(client, held):
    from django.urls import reverse
    from mydata_helpers import verify

    from shiliu.mydata.services import REQUESTS_PER_PHONE

    verify(client)
    for n in range(REQUESTS_PER_PHONE.count):
        response = client.post(reverse("mydata:ask", args=["correct"]),
                               {"text": f"地址写错了 {n}", "form_key": f"k{n}"})
        assert response.status_code == 302
    refused = client.post(reverse("mydata:ask", args=["correct"]), {"text": "再来一次", "form_key": "k-last"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    api = client.post(f"{API}/mine/requests", {"kind": "correct", "text": "再来一次"}, content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {resident_token(ME)}", HTTP_IDEMPOTENCY_KEY="k-api")
    assert api.status_code == 429 and "Retry-After" in api
    assert DataRequest.objects.count() == REQUESTS_PER_PHONE.count
