"""The district office's queue: erasure of what the law lets go, answers, scope, atomicity."""

import pytest
from django.db import connection
from django.urls import reverse
from mydata_helpers import ME

from shiliu.activities.models import Registration
from shiliu.audit.models import AuditEvent
from shiliu.mydata import collectors, services
from shiliu.mydata.models import DataRequest
from shiliu.notify.models import Outbox
from shiliu.workorders.models import WorkOrder


def deletion(phone=ME) -> DataRequest:
    return services.request_create(phone=phone, kind="delete", text="请删除")


def test_erasure_anonymises_registrations_and_keeps_orders_with_the_reason(people, held, login, client):
    request = deletion()
    login(people.admin)
    response = client.post(reverse("mydata:erase", args=[request.pk]), {"version": request.version})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.handled_by == people.admin
    mine = Registration.objects.get(pk=held.mine.pk)
    assert mine.name == "" and mine.phone == "" and mine.status == "cancelled"
    # the freed place went to the waiting list; the other person's data is untouched
    waiting = Registration.objects.get(pk=held.waiting.pk)
    assert waiting.status == "registered" and waiting.name == "赵先生"
    order = WorkOrder.objects.get(pk=held.order.pk)
    assert order.contact_phone == "+8613812345678"  # kept
    outcome = {o["app"]: o for o in request.outcome["en"]}
    assert outcome["activities"]["erased"] and not outcome["workorders"]["erased"]
    assert "still being handled" in outcome["workorders"]["kept"][0]["reason"].lower()
    assert outcome["audit"]["kept"]
    sms = Outbox.objects.get(template="mydata.erased")
    assert "registration" in sms.params["erased"]["en"] and "work order" in sms.params["kept"]["en"]
    assert "马女士" not in str(sms.params)
    assert AuditEvent.objects.filter(action="mydata.request.erase").count() == 1


def test_nothing_is_half_done_when_one_collector_fails(people, held, login, client, monkeypatch):
    request = deletion()
    real = collectors.collector_modules()

    class Broken:
        LABEL = "zzz"

        @staticmethod
        def holdings(phone):
            return []

        @staticmethod
        def erase(phone):
            raise RuntimeError("the archive is offline")

    monkeypatch.setattr(collectors, "collector_modules", lambda: [*real, Broken])
    with pytest.raises(RuntimeError):
        services.request_erase(request=request, by=people.admin, version=request.version)
    assert Registration.objects.get(pk=held.mine.pk).name == "马女士"
    assert Registration.objects.get(pk=held.mine.pk).status == "registered"
    request.refresh_from_db()
    assert request.status == "received" and request.version == 1
    assert not Outbox.objects.filter(template="mydata.erased").exists()


def test_a_correction_is_answered_with_what_was_changed(people, held, login, client):
    request = services.request_create(phone=ME, kind="correct", text="名字应为马晓梅", section="activities")
    login(people.admin)
    response = client.post(reverse("mydata:answer", args=[request.pk]), {"version": 1, "status": "done",
                                                                         "answer": ""})
    assert response.status_code == 422 and "answer" in response.context["answer_form"].errors
    response = client.post(reverse("mydata:answer", args=[request.pk]), {
        "version": 1, "status": "done", "answer": "已将报名姓名改为马晓梅"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.answer == "已将报名姓名改为马晓梅"
    assert Outbox.objects.filter(template="mydata.answered").count() == 1


def test_a_refusal_needs_a_reason_and_a_deletion_cannot_be_answered_done(people, held):
    request = deletion()
    with pytest.raises(Exception) as exc:
        services.request_answer(request=request, by=people.admin, version=1, status="done", answer="好")
    assert "status" in exc.value.message_dict


def test_a_stale_version_changes_nothing(people, held, login, client):
    request = deletion()
    services.request_start(request=request, by=people.admin, version=1)
    login(people.admin)
    response = client.post(reverse("mydata:erase", args=[request.pk]), {"version": 1})
    assert response.status_code == 422
    assert Registration.objects.get(pk=held.mine.pk).name == "马女士"


def test_the_queue_and_detail_are_audited_and_masked(people, held, login, client):
    request = deletion()
    login(people.admin)
    text = client.get(reverse("mydata:requests")).content.decode()
    assert request.reference in text and "138****5678" in text and "13812345678" not in text
    detail = client.get(reverse("mydata:detail", args=[request.pk])).content.decode()
    assert held.order.tracking_code in detail and "赵先生" not in detail
    assert AuditEvent.objects.filter(action="mydata.request.list").count() == 1
    assert AuditEvent.objects.filter(action="mydata.request.view", target_id=str(request.pk)).count() == 1


@pytest.mark.parametrize("persona", ["officer", "worker", "auditor", "operator"])
def test_staff_without_data_requests_get_403_and_nothing_changes(people, held, login, client, persona):
    request = deletion()
    login(getattr(people, persona))
    assert client.get(reverse("mydata:requests")).status_code == 403
    assert client.get(reverse("mydata:detail", args=[request.pk])).status_code == 403
    for step in ("start", "erase", "answer"):
        response = client.post(reverse(f"mydata:{step}", args=[request.pk]), {"version": 1, "status": "refused",
                                                                              "answer": "x"})
        assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == "received" and request.version == 1
    assert Registration.objects.get(pk=held.mine.pk).name == "马女士"


def test_data_requests_held_below_the_district_answer_404(people, tree, held, login, client, monkeypatch):
    """The capability held at a subdistrict (if the policy ever grants it there) sees nothing."""
    from shiliu.access import policy
    from shiliu.accounts.models import Role

    grants = dict(policy.CAPABILITIES)
    grants[Role.SUBDISTRICT_OFFICER] = grants[Role.SUBDISTRICT_OFFICER] | {policy.Cap.DATA_REQUESTS}
    monkeypatch.setattr(policy, "CAPABILITIES", grants)
    request = deletion()
    login(people.officer)
    assert client.get(reverse("mydata:detail", args=[request.pk])).status_code == 404
    assert client.post(reverse("mydata:erase", args=[request.pk]), {"version": 1}).status_code == 404
    request.refresh_from_db()
    assert request.status == "received"


def test_the_queue_query_count_is_fixed(people, held, login, client, django_assert_num_queries):
    login(people.admin)
    deletion()
    client.get(reverse("mydata:requests"))
    count = 8 if connection.vendor == "sqlite" else 7  # measured: one round trip fewer on PostgreSQL
    with django_assert_num_queries(count):
        client.get(reverse("mydata:requests"))
    for phone in ("+8613900000001", "+8613900000002", "+8613900000003"):
        deletion(phone)
    count = 8 if connection.vendor == "sqlite" else 7  # measured: one round trip fewer on PostgreSQL
    with django_assert_num_queries(count):
        client.get(reverse("mydata:requests"))
