"""The resident's tracking pages: no sign-in, only the public side of the order (no internal
note, staff name, description or contact), returns told as "<unit> returned it; it went to
<next unit>", the rating through the page once resolved, and a rate limit."""

import pytest
from django.urls import reverse

from shiliu.workorders.choices import Status
from shiliu.workorders.models import Callback, WorkOrder
from shiliu.workorders.services import (
    order_acknowledge,
    order_dispatch,
    order_note,
    order_resolve,
    order_return,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TRACK = reverse("workorders:track")


def link(order) -> str:
    return reverse("workorders:track_code", args=[order.tracking_code])


def resolved(wo):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order_note(by=p.worker, order=order, note="内部：居民情绪激动，注意沟通")
    return order_resolve(by=p.worker, order=order, version=order.version, reply="已指导您办理灵活就业参保")


def test_the_link_shows_status_and_public_steps_but_nothing_internal(wo, client):
    order = resolved(wo)
    response = client.get(link(order), **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Resolved, awaiting callback" in page and "Social insurance" in page
    assert "已指导您办理灵活就业参保" in page  # the reply, once resolved
    assert "谢墅社区 took it on." in page and "谢墅社区 answered it." in page
    for secret in ("内部：居民情绪激动", "灵活就业怎么交社保", "马女士", "138****5678", "13812345678",
                   "xieshu_worker", "operator"):
        assert secret not in page, secret


def test_a_return_tells_which_unit_declined_and_where_it_went(wo, client):
    p = wo.people
    order = wo.open()
    order = order_return(by=p.worker, order=order, version=order.version, reason="内部原因：人手不足")
    page = client.get(link(order), **EN).content.decode()
    assert "谢墅社区 returned it; the hotline is finding the right unit." in page
    assert "人手不足" not in page
    order_dispatch(by=p.operator, order=order, version=order.version, unit=wo.tree.jiufeng, note="改派：内部备注")
    page = client.get(link(order), **EN).content.decode()
    assert "谢墅社区 returned it; it went to 九峰社区." in page
    assert "改派：内部备注" not in page and "finding the right unit" not in page


def test_the_reply_is_not_shown_before_the_order_is_resolved(wo, client):
    order = wo.open()
    page = client.get(link(order), **EN).content.decode()
    assert "The answer" not in page and "Was it solved?" not in page


def test_the_resident_rates_through_the_link_once(wo, client):
    order = resolved(wo)
    response = client.post(link(order), {"solved": "", "satisfaction": ""}, **EN)
    assert response.status_code == 200
    assert "Ask whether the problem was actually solved" in response.content.decode()
    assert not Callback.objects.exists()
    response = client.post(link(order), {"solved": "yes", "satisfaction": "very_satisfied", "comment": "谢谢"}, **EN)
    assert response.status_code == 200 and "Your answer was recorded" in response.content.decode()
    order = WorkOrder.objects.get(pk=order.pk)
    assert order.status == Status.CLOSED
    callback = Callback.objects.get()
    assert (callback.method, callback.solved, callback.by) == ("sms", "yes", None)
    response = client.post(link(order), {"solved": "no", "satisfaction": "dissatisfied"}, **EN)
    assert "not waiting for your rating" in response.content.decode()
    assert Callback.objects.count() == 1


def test_a_dissatisfied_rating_asks_for_a_reopen(wo, client):
    order = resolved(wo)
    client.post(link(order), {"solved": "no", "satisfaction": "very_dissatisfied"})
    assert WorkOrder.objects.get(pk=order.pk).status == Status.REOPEN_REQUESTED


def test_the_form_posts_the_code_and_never_puts_it_in_the_url(wo, client):
    order = resolved(wo)
    page = client.get(TRACK).content.decode()
    assert 'method="post"' in page
    response = client.post(TRACK, {"code": order.tracking_code.lower()}, **EN)
    assert response.status_code == 200 and "Resolved, awaiting callback" in response.content.decode()
    page = response.content.decode()
    assert f'action="{TRACK}"' in page and order.tracking_code not in response.request["PATH_INFO"]
    response = client.post(TRACK, {"code": order.tracking_code, "step": "rate", "solved": "partly",
                                   "satisfaction": "satisfied"}, **EN)
    assert "Your answer was recorded" in response.content.decode()
    assert WorkOrder.objects.get(pk=order.pk).status == Status.CLOSED


def test_an_unknown_code_says_so(wo, client):
    response = client.post(TRACK, {"code": "NOSUCHCODE"}, **EN)
    assert "No request has this code" in response.content.decode()
    assert client.get(reverse("workorders:track_code", args=["NOSUCHCODE"])).status_code == 404


def test_a_lower_case_link_leads_to_the_canonical_one(wo, client):
    order = wo.open()
    response = client.get(reverse("workorders:track_code", args=[order.tracking_code.lower()]))
    assert response.status_code == 302 and response["Location"] == link(order)


def test_tracking_is_rate_limited_with_retry_after(wo, client):
    order = wo.open()
    for _ in range(20):
        assert client.get(link(order)).status_code == 200
    response = client.get(link(order))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert client.post(TRACK, {"code": order.tracking_code}).status_code == 429


def test_the_pages_speak_chinese_by_default_and_english_on_switch(wo, client):
    order = resolved(wo)
    page = client.get(link(order)).content.decode()
    assert "已办结，待回访" in page and "问题是否真正解决了" in page
    assert "Was your problem actually solved?" in client.get(link(order), **EN).content.decode()


def test_a_signed_in_staff_member_sees_the_same_public_page(wo, login, client):
    order = resolved(wo)
    login(wo.people.worker)
    page = client.get(link(order)).content.decode()
    assert "内部：居民情绪激动" not in page and "灵活就业怎么交社保" not in page
