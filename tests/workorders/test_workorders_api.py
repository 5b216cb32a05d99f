"""/api/v1/orders: create with Idempotency-Key, the lifecycle, 409 on stale versions,
problem+json for bad input, scope, and the resident's tracking without an account."""

import pytest

from shiliu.audit.models import AuditEvent
from shiliu.workorders.choices import Status
from shiliu.workorders.models import OrderEvent, WorkOrder

pytestmark = pytest.mark.django_db

URL = "/api/v1/orders"


def body(wo, **overrides):
    data = {"channel": "hotline", "category": wo.insurance.pk, "description": "灵活就业怎么交社保",
            "place": wo.tree.xieshu.pk, "contact_name": "马女士", "contact_phone": "0574-8688 1234",
            "contact_consent": True}
    data.update(overrides)
    return data


def post(client, url, data, auth, **headers):
    return client.post(url, data, content_type="application/json", headers=headers, **auth)


def test_create_then_the_whole_lifecycle(client, wo, token_for):
    operator, worker = token_for(wo.people.operator), token_for(wo.people.worker)
    r = post(client, URL, body(wo), operator)
    assert r.status_code == 201, r.content
    order = r.json()
    assert order["status"] == "dispatched" and order["unit"]["id"] == wo.tree.xieshu.pk
    assert order["contact_phone_masked"] != "+8657486881234" and "1234" in order["contact_phone_masked"]
    assert "acknowledge" not in order["actions"]  # the operator is not the unit
    pk, v = order["id"], order["version"]
    r = post(client, f"{URL}/{pk}/acknowledge", {"version": v}, worker)
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    r = post(client, f"{URL}/{pk}/acknowledge", {"version": v}, worker)
    assert r.status_code in (409, 422)
    v = r.json().get("version", WorkOrder.objects.get(pk=pk).version)
    r = post(client, f"{URL}/{pk}/resolve", {"version": v - 1, "reply": "已答复"}, worker)
    assert r.status_code == 409 and r["Content-Type"] == "application/problem+json"
    r = post(client, f"{URL}/{pk}/resolve", {"version": v, "reply": "已答复"}, worker)
    assert r.status_code == 200 and r.json()["status"] == "resolved"
    r = post(client, f"{URL}/{pk}/callback", {"version": r.json()["version"], "solved": "yes",
                                             "satisfaction": "satisfied"}, operator)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    events = client.get(f"{URL}/{pk}/events", **operator).json()
    assert [e["kind"] for e in events] == ["created", "routed", "acknowledged", "resolved", "callback"]


def test_the_same_idempotency_key_creates_one_order(client, wo, token_for):
    operator = token_for(wo.people.operator)
    first = post(client, URL, body(wo), operator, **{"Idempotency-Key": "pbx-call-7781"})
    again = post(client, URL, body(wo), operator, **{"Idempotency-Key": "pbx-call-7781"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and WorkOrder.objects.count() == 1
    other = post(client, URL, body(wo, description="另一件事"), operator, **{"Idempotency-Key": "pbx-call-7781"})
    assert other.status_code == 422 and "idempotency_key" in other.json()["errors"]


def test_a_twin_that_loses_the_race_for_a_key_returns_the_winner(client, wo, token_for, monkeypatch):
    """Both requests looked for the key before either stored it: the loser meets the unique
    constraint and answers with the winner's order (the race, made deterministic)."""
    from shiliu.workorders import services

    operator = token_for(wo.people.operator)
    first = post(client, URL, body(wo), operator, **{"Idempotency-Key": "race-0"})
    real_filter = services.IdempotencyKey.objects.filter
    monkeypatch.setattr(services.IdempotencyKey.objects, "filter",
                        lambda **kw: real_filter(pk__in=[]) if "key" in kw else real_filter(**kw))
    again = post(client, URL, body(wo), operator, **{"Idempotency-Key": "race-0"})
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    assert WorkOrder.objects.count() == 1


def test_bad_input_is_problem_json_per_field_and_nothing_is_saved(client, wo, token_for):
    operator = token_for(wo.people.operator)
    before = (WorkOrder.objects.count(), OrderEvent.objects.count())
    r = post(client, URL, body(wo, category=99999, place=99999, contact_phone="12", description=""), operator)
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert {"category", "place", "contact_phone", "description"} <= set(r.json()["errors"])
    r = post(client, URL, {"channel": "hotline"}, operator)
    assert r.status_code == 422 and "category" in r.json()["errors"]
    r = post(client, URL, body(wo, unexpected="x"), operator)
    assert r.status_code == 422 and "unexpected" in r.json()["errors"]
    r = post(client, URL, body(wo, description="长" * 8000), operator)
    assert r.status_code == 422 and "description" in r.json()["errors"]
    assert (WorkOrder.objects.count(), OrderEvent.objects.count()) == before


def test_a_place_outside_scope_is_refused_like_an_unknown_one(client, wo, token_for):
    worker = token_for(wo.people.worker)
    r = post(client, URL, body(wo, place=wo.tree.dagang.pk), worker)
    assert r.status_code == 422 and "place" in r.json()["errors"]


def test_scope_of_list_and_detail(client, wo, token_for):
    order = wo.open()
    r = client.get(URL, **token_for(wo.people.worker))
    assert [o["id"] for o in r.json()["items"]] == [order.pk]
    assert client.get(URL, **token_for(wo.people.other_worker)).json()["items"] == []
    assert client.get(f"{URL}/{order.pk}", **token_for(wo.people.other_worker)).status_code == 404
    assert client.get(URL, **token_for(wo.people.auditor)).status_code == 403
    inbox = client.get(URL + "?view=inbox", **token_for(wo.people.worker)).json()
    assert inbox["items"][0]["due_state"] in ("", "due_soon", "overdue")


def test_reading_an_order_with_contact_is_audited(client, wo, token_for):
    order = wo.open()
    client.get(f"{URL}/{order.pk}", **token_for(wo.people.worker))
    assert AuditEvent.objects.filter(action="workorder.view", target_id=str(order.pk), category="contact").exists()


def test_the_resident_tracks_and_rates_without_an_account_and_sees_no_internal_note(client, wo):
    from shiliu.workorders.services import order_acknowledge, order_note, order_resolve

    p = wo.people
    order = wo.open()
    order_note(by=p.worker, order=order, note="内部备注：家属情绪激动")
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已为您办理")
    r = client.post(URL + "/track", {"code": order.tracking_code}, content_type="application/json")
    assert r.status_code == 200
    text = r.content.decode()
    assert "内部备注" not in text and "灵活就业" not in text and "马女士" not in text and "xieshu_worker" not in text
    assert r.json()["awaiting_rating"] is True and r.json()["reply"] == "已为您办理"
    r = client.post(URL + "/track/rating", {"code": order.tracking_code, "solved": "yes",
                                            "satisfaction": "satisfied"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == Status.CLOSED
    r = client.post(URL + "/track/rating", {"code": order.tracking_code, "solved": "no",
                                            "satisfaction": "dissatisfied"}, content_type="application/json")
    assert r.status_code == 422
    assert client.post(URL + "/track", {"code": "NOSUCHCODE"}, content_type="application/json").status_code == 404


def test_errors_speak_the_callers_language(client, wo, token_for):
    operator = token_for(wo.people.operator)
    r = post(client, URL, body(wo, description=""), operator, **{"Accept-Language": "en"})
    assert "Describe what the resident needs." in r.json()["errors"]["description"]
    r = post(client, URL, body(wo, description=""), operator, **{"Accept-Language": "zh-hans"})
    assert "Describe" not in r.json()["errors"]["description"][0]


def test_files_are_attached_by_content_and_listed(client, wo, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    order = wo.open()
    auth = token_for(wo.people.worker)
    pdf = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    r = client.post(f"{URL}/{order.pk}/attachments", {"file": pdf}, **auth)
    assert r.status_code == 201, r.content
    assert r.json()["content_type"] == "application/pdf" and r.json()["url"].startswith(f"/orders/{order.pk}/")
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program", "image/jpeg")
    r = client.post(f"{URL}/{order.pk}/attachments", {"file": fake}, **auth)
    assert r.status_code == 422 and "file" in r.json()["errors"]
    assert [a["name"] for a in client.get(f"{URL}/{order.pk}/attachments", **auth).json()] == ["证明.pdf"]
    r = client.post(f"{URL}/{order.pk}/attachments", {"file": pdf}, **token_for(wo.people.other_worker))
    assert r.status_code == 404


def test_the_district_office_configures_categories_and_rules(client, wo, token_for):
    admin = token_for(wo.people.admin)
    r = client.post(f"{URL}/categories", {"code": "legal-aid", "name": "法律援助", "kind": "complaint"},
                    content_type="application/json", **admin)
    assert r.status_code == 201 and r.json()["resolve_days"] == 15
    cat = r.json()
    r = client.put(f"{URL}/categories/{cat['id']}", {"version": cat["version"], "name": "法律援助",
                                                      "kind": "help", "resolve_days": 5},
                   content_type="application/json", **admin)
    assert r.status_code == 200 and r.json()["resolve_days"] == 5
    r = client.put(f"{URL}/categories/{cat['id']}", {"version": cat["version"], "name": "x", "kind": "help"},
                   content_type="application/json", **admin)
    assert r.status_code == 409
    r = client.post(f"{URL}/routing-rules", {"place": wo.tree.daqi.pk, "category": cat["id"],
                                             "unit": wo.tree.daqi.pk}, content_type="application/json", **admin)
    assert r.status_code == 201
    rule = r.json()["id"]
    order = wo.open(category=Category_get(cat["id"]), place=wo.tree.jiufeng)
    assert order.unit == wo.tree.daqi
    assert client.post(f"{URL}/routing-rules", {"place": wo.tree.daqi.pk, "unit": wo.tree.daqi.pk},
                       content_type="application/json", **token_for(wo.people.operator)).status_code == 403
    assert client.delete(f"{URL}/routing-rules/{rule}", **admin).status_code == 204


def Category_get(pk):  # noqa: N802
    from shiliu.workorders.models import Category

    return Category.objects.get(pk=pk)


def test_a_body_over_the_limit_answers_413_in_problem_json(client, wo, token_for):
    r = post(client, URL, body(wo, description="长" * 3_000_000), token_for(wo.people.operator))
    assert r.status_code == 413 and r["Content-Type"] == "application/problem+json"
    assert WorkOrder.objects.count() == 0


def test_a_department_without_consent_gets_no_contact(client, wo, token_for):
    from shiliu.workorders.services import order_acknowledge, order_refer

    order = wo.open()
    order = order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    order_refer(by=wo.people.worker, order=order, version=order.version, department=wo.tree.education,
                note="请协助", share_contact=False)
    data = client.get(f"{URL}/{order.pk}", **token_for(wo.people.liaison)).json()
    assert data["contact_name"] == "" and data["contact_phone_masked"] == "" and data["requester_id"] is None
    assert not AuditEvent.objects.filter(action="workorder.view", actor__username="edu_liaison").exists()
    assert client.get(f"{URL}/{order.pk}", **token_for(wo.people.worker)).json()["contact_name"] == "马女士"


def test_dispatch_stays_in_the_dispatchers_area_or_goes_to_a_department(client, wo, token_for):
    order = wo.open(category=wo.other)
    auth = token_for(wo.people.officer)
    r = post(client, f"{URL}/{order.pk}/dispatch", {"version": order.version, "unit": wo.tree.dagang.pk}, auth)
    assert r.status_code == 422 and "unit" in r.json()["errors"]
    r = post(client, f"{URL}/{order.pk}/dispatch", {"version": order.version, "unit": wo.tree.education.pk}, auth)
    assert r.status_code == 200 and r.json()["unit"]["id"] == wo.tree.education.pk


def test_a_department_without_consent_gets_no_intake_files(client, wo, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from shiliu.workorders.services import order_acknowledge, order_refer

    order = wo.open()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client.post(f"{URL}/{order.pk}/attachments", {"file": SimpleUploadedFile("身份证.pdf", pdf)},
                **token_for(wo.people.worker))
    order.refresh_from_db()
    order = order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    order_refer(by=wo.people.worker, order=order, version=order.version, department=wo.tree.education, note="请协助")
    assert client.get(f"{URL}/{order.pk}/attachments", **token_for(wo.people.liaison)).json() == []
    events = client.get(f"{URL}/{order.pk}/events", **token_for(wo.people.liaison)).json()
    assert "身份证" not in str(events)
    assert len(client.get(f"{URL}/{order.pk}/attachments", **token_for(wo.people.worker)).json()) == 1


def test_idempotency_keys_are_forgotten_after_a_day(wo):
    from datetime import timedelta

    from django.utils import timezone

    from shiliu.workorders.models import IdempotencyKey
    from shiliu.workorders.services import forget_idempotency_keys

    wo.open(idempotency_key="k-1")
    key = IdempotencyKey.objects.get()
    assert len(key.fingerprint) == 64 and forget_idempotency_keys() == 0
    assert forget_idempotency_keys(now=timezone.now() + timedelta(days=2)) == 1
