"""The order's page: who sees it (404 outside the scope, 403 without the capability), what it
shows (masked phone, audited read, the contact withheld after a referral without consent), and
one form per allowed action, each through its service, with stale versions refused politely."""

import pytest
from django.urls import reverse

from shiliu.accounts.services import user_update_languages
from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.workorders.choices import EventKind, Status
from shiliu.workorders.models import OrderEvent, WorkOrder
from shiliu.workorders.services import (
    order_acknowledge,
    order_callback,
    order_refer,
    order_resolve,
    order_return,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def detail(order):
    return reverse("workorders:detail", args=[order.pk])


def act(order, action):
    return reverse("workorders:act", args=[order.pk, action])


def post(client, order, action, **fields):
    """POST an action form the way the page does: fields prefixed with the action's name."""
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(act(order, action), data, **EN)


def fresh(order):
    return WorkOrder.objects.get(pk=order.pk)


# --- who may see the page ----------------------------------------------------------------------

def test_the_unit_and_the_intake_side_see_the_order(wo, login, client):
    order = wo.open()
    for persona in ("worker", "officer", "operator", "admin"):
        client.logout()
        login(getattr(wo.people, persona))
        assert client.get(detail(order)).status_code == 200, persona


def test_outside_the_scope_the_order_is_404_like_a_missing_one(wo, login, client):
    order = wo.open()
    login(wo.people.other_worker)
    assert client.get(detail(order)).status_code == 404
    assert client.get(reverse("workorders:detail", args=[999999])).status_code == 404
    assert client.get(reverse("workorders:receipt", args=[order.pk])).status_code == 404
    client.logout()
    login(wo.people.liaison)  # the education bureau: not its order
    assert client.get(detail(order)).status_code == 404


def test_roles_without_order_view_get_403(wo, login, client):
    order = wo.open()
    for persona in ("auditor", "nobody"):
        client.logout()
        login(getattr(wo.people, persona))
        assert client.get(detail(order)).status_code == 403, persona


def test_signed_out_goes_to_the_login_page(wo, client):
    order = wo.open()
    response = client.get(detail(order))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- what the page shows -------------------------------------------------------------------------

def test_the_phone_is_masked_and_the_read_is_audited(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    page = client.get(detail(order), **EN).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page and "+8613812345678" not in page
    assert order.tracking_code in page and "灵活就业怎么交社保" in page
    event = AuditEvent.objects.get(action="workorder.view")
    assert (event.actor, event.target_id, event.category) == (wo.people.worker, str(order.pk), "contact")


def test_an_order_without_contact_data_is_not_audited_as_a_read(wo, login, client):
    order = wo.open(contact_name="", contact_phone="", contact_consent=False)
    login(wo.people.worker)
    assert client.get(detail(order)).status_code == 200
    assert not AuditEvent.objects.filter(action="workorder.view").exists()


def test_the_department_does_not_see_the_contact_when_the_referral_did_not_share_it(wo, login, client):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order_refer(by=p.worker, order=order, version=order.version, department=wo.tree.education, note="请协助入学")
    login(p.liaison)
    page = client.get(detail(order), **EN).content.decode()
    assert "138****5678" not in page and "马女士" not in page
    assert "was not shared with your unit" in page
    assert not AuditEvent.objects.filter(action="workorder.view").exists()


def test_the_department_sees_the_contact_shared_with_consent(wo, login, client):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order_refer(by=p.worker, order=order, version=order.version, department=wo.tree.education, note="请协助入学",
                share_contact=True, consent_confirmed=True)
    login(p.liaison)
    page = client.get(detail(order), **EN).content.decode()
    assert "138****5678" in page and "马女士" in page


def test_the_timeline_shows_who_when_and_marks_internal_lines(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    post(client, order, "note", note="已电话联系居民")
    page = client.get(detail(order), **EN).content.decode()
    assert "已电话联系居民" in page and "internal" in page and "xieshu_worker" in page
    assert "Routed by rule" in page and "Opened" in page


def test_only_the_allowed_actions_are_offered(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    page = client.get(detail(order), **EN).content.decode()
    for action in ("acknowledge", "return", "note", "attach"):
        assert f'id="action-{action}"' in page, action
    for action in ("dispatch", "resolve", "callback", "cancel", "supervise", "approve_reopen"):
        assert f'id="action-{action}"' not in page, action
    client.logout()
    login(wo.people.officer)
    page = client.get(detail(order), **EN).content.decode()
    for action in ("supervise", "urge", "change_category"):
        assert f'id="action-{action}"' in page, action


# --- the actions, each through its service -------------------------------------------------------

def test_dispatch_an_order_no_rule_routed(wo, login, client):
    order = wo.open(category=wo.other)
    login(wo.people.operator)
    response = post(client, order, "dispatch", version=order.version, unit=wo.tree.jiufeng.pk, note="请处理")
    assert response.status_code == 302
    order = fresh(order)
    assert order.status == Status.DISPATCHED and order.unit == wo.tree.jiufeng


def test_dispatch_without_a_unit_or_with_an_unknown_one_says_so_next_to_the_field(wo, login, client):
    order = wo.open(category=wo.other)
    login(wo.people.operator)
    for unit in ("", "987654"):
        response = post(client, order, "dispatch", version=order.version, unit=unit)
        assert response.status_code == 200
        form = next(f["form"] for f in response.context["forms"] if f["action"].name == "dispatch")
        assert "unit" in form.errors, unit
    assert fresh(order).status == Status.NEW


def test_the_dispatcher_sees_which_staff_speak_the_language_needed(wo, login, client):
    user_update_languages(user=wo.people.worker, languages=["zh", "ug"], by=wo.people.worker)
    order = wo.open(category=wo.other, language="ug")
    login(wo.people.operator)
    page = client.get(detail(order), **EN).content.decode()
    assert "Needs Uyghur" in page
    assert "Staff who speak Uyghur" in page and "xieshu_worker" in page
    assert "1 speak Uyghur" in page  # marked on the unit's option too


def test_acknowledge_then_resolve(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    assert post(client, order, "acknowledge", version=order.version).status_code == 302
    order = fresh(order)
    assert order.status == Status.IN_PROGRESS and order.assignee == wo.people.worker
    response = post(client, order, "resolve", version=order.version, reply="")
    assert response.status_code == 200 and "Write the reply the resident will receive." in response.content.decode()
    assert post(client, order, "resolve", version=order.version, reply="已办理").status_code == 302
    assert fresh(order).status == Status.RESOLVED


def test_a_stale_version_shows_the_message_and_changes_nothing(wo, login, client):
    order = wo.open()
    stale = order.version
    order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    login(wo.people.worker)
    response = post(client, order, "return", version=stale, reason="不属于本社区")
    assert response.status_code == 200
    assert str(StaleVersion.message) in response.content.decode()
    assert fresh(order).status == Status.IN_PROGRESS
    assert not OrderEvent.objects.filter(order=order, kind=EventKind.RETURNED).exists()


def test_an_action_on_a_finished_step_shows_why_instead_of_crashing(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    post(client, order, "acknowledge", version=order.version)
    order = fresh(order)
    response = post(client, order, "acknowledge", version=order.version)  # current version, wrong state
    assert response.status_code == 200
    assert "This cannot be done while the order is" in response.content.decode()


def test_a_missing_version_is_refused(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    response = client.post(act(order, "acknowledge"), {}, **EN)
    assert response.status_code == 200 and fresh(order).status == Status.DISPATCHED


def test_return_needs_a_reason_then_the_dispatch_queue_shows_it(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    response = post(client, order, "return", version=order.version, reason="  ")
    assert "Say why your unit returns the order" in response.content.decode()
    assert post(client, order, "return", version=order.version, reason="不属于本社区").status_code == 302
    client.logout()
    login(wo.people.operator)
    page = client.get(reverse("workorders:inbox") + "?tab=dispatch", **EN).content.decode()
    assert "不属于本社区" in page and "Returned by" in page


def test_refer_needs_consent_to_share_the_contact(wo, login, client):
    order = wo.open()
    order = order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    login(wo.people.worker)
    response = post(client, order, "refer", version=order.version, department=wo.tree.education.pk,
                    note="请协助入学", share_contact="on")
    form = next(f["form"] for f in response.context["forms"] if f["action"].name == "refer")
    assert "consent_confirmed" in form.errors
    response = post(client, order, "refer", version=order.version, department=wo.tree.daqi.pk, note="x")
    form = next(f["form"] for f in response.context["forms"] if f["action"].name == "refer")
    assert "department" in form.errors  # not a department
    response = post(client, order, "refer", version=order.version, department=wo.tree.education.pk,
                    note="请协助入学", share_contact="on", consent_confirmed="on")
    assert response.status_code == 302
    assert fresh(order).unit == wo.tree.education


def test_change_category_reroutes_and_cancel_needs_a_reason(wo, login, client):
    order = wo.open()
    login(wo.people.operator)
    assert post(client, order, "change_category", version=order.version, category=wo.other.pk).status_code == 302
    order = fresh(order)
    assert order.status == Status.NEW
    response = post(client, order, "cancel", version=order.version, reason="")
    assert response.status_code == 200 and fresh(order).status == Status.NEW
    assert post(client, order, "cancel", version=order.version, reason="重复来电").status_code == 302
    assert fresh(order).status == Status.CANCELLED


def test_callback_reopen_approval_and_supervision(wo, login, client):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已答复")
    login(p.operator)
    response = post(client, order, "callback", version=order.version, solved="", satisfaction="")
    form = next(f["form"] for f in response.context["forms"] if f["action"].name == "callback")
    assert {"solved", "satisfaction"} <= set(form.errors)
    assert post(client, order, "callback", version=order.version, solved="no", satisfaction="dissatisfied",
                comment="没解决").status_code == 302
    order = fresh(order)
    assert order.status == Status.REOPEN_REQUESTED
    client.logout()
    login(p.officer)
    page = client.get(reverse("workorders:inbox") + "?tab=reopen").content.decode()
    assert order.number in page
    assert post(client, order, "approve_reopen", version=order.version, note="请重新核实").status_code == 302
    order = fresh(order)
    assert order.status == Status.DISPATCHED and order.reopens == 1
    assert post(client, order, "supervise", note="").status_code == 200  # supervision needs an instruction
    assert post(client, order, "supervise", note="请今日内签收").status_code == 302
    assert post(client, order, "urge", note="").status_code == 302
    order = fresh(order)
    assert order.supervised and order.urges == 1


def test_refuse_reopen_needs_a_reason(wo, login, client):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已答复")
    order_callback(by=p.operator, order=order, version=order.version, solved="no", satisfaction="basically")
    order = fresh(order)
    login(p.officer)
    assert post(client, order, "refuse_reopen", version=order.version, note="").status_code == 200
    assert post(client, order, "refuse_reopen", version=order.version, note="超出政策范围").status_code == 302
    assert fresh(order).status == Status.CLOSED


def test_an_action_the_role_may_not_take_is_403_and_changes_nothing(wo, login, client):
    order = wo.open()
    login(wo.people.operator)  # the hotline does not acknowledge for the unit
    assert post(client, order, "acknowledge", version=order.version).status_code == 403
    assert fresh(order).status == Status.DISPATCHED


def test_an_outsider_posting_an_action_gets_404_and_nothing_changes(wo, login, client):
    order = wo.open()
    login(wo.people.other_worker)
    assert post(client, order, "acknowledge", version=order.version).status_code == 404
    assert post(client, order, "note", note="x").status_code == 404
    assert fresh(order).status == Status.DISPATCHED
    assert not OrderEvent.objects.filter(order=order, kind=EventKind.NOTE).exists()


def test_an_unknown_action_is_404(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    assert client.post(act(order, "delete")).status_code == 404


def test_a_script_in_a_note_is_shown_as_text(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    post(client, order, "note", note='<script>alert("x")</script>')
    page = client.get(detail(order)).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_an_empty_note_says_so(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    response = post(client, order, "note", note=" ")
    assert response.status_code == 200 and "Write the note." in response.content.decode()


def test_the_page_speaks_chinese_by_default(wo, login, client):
    order = wo.open()
    order_return(by=wo.people.worker, order=order, version=order.version, reason="不属于本社区")
    login(wo.people.operator)
    page = client.get(detail(order)).content.decode()
    assert "工单" in page and "派单" in page and "时间线" in page
    page = client.get(detail(order), **EN).content.decode()
    assert "Work order" in page and "Timeline" in page


def test_the_page_reads_a_fixed_number_of_queries_however_long_the_timeline(wo, login, client,
                                                                            django_assert_max_num_queries):
    from shiliu.workorders.services import order_note

    order = wo.open()
    login(wo.people.worker)
    client.get(detail(order))
    # session, user, roles, order, timeline, files, the audit chain (read + write), units of the forms
    with django_assert_max_num_queries(14) as few:
        client.get(detail(order))
    for i in range(15):
        order_note(by=wo.people.worker, order=order, note=f"第{i}次联系")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(detail(order))
    assert len(response.context["events"]) == 17
