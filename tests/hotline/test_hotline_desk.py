"""The operator's desk: who may open it, the polled incoming panel, the number box, the caller
panel, and the two forms with their bad inputs, in both languages."""

import pytest
from django.db import connection
from django.urls import reverse
from hotline_helpers import LANDLINE, MOBILE, open_order_at

from shiliu.audit.models import AuditEvent
from shiliu.hotline.choices import CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.people.services import resident_create
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
# An audit append on PostgreSQL takes an advisory lock first: one more round trip.
AUDIT_LOCK = int(connection.vendor == "postgresql")
DESK = "/hotline/"


def order_post(hl, call, **overrides):
    data = {"order-category": hl.insurance.pk, "order-description": "灵活就业怎么交社保",
            "order-place": hl.tree.xieshu.pk, "order-urgency": "normal", "order-language": "zh",
            "order-contact_name": "马女士", "order-contact_phone": "0574 8688 1234", "order-contact_consent": "on",
            "order-version": call.version}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("persona,status", [("operator", 200), ("admin", 200), ("worker", 403), ("officer", 403),
                                            ("liaison", 403), ("auditor", 403), ("nobody", 403)])
def test_who_may_open_the_desk(hl, people, login, client, persona, status):
    login(getattr(people, persona))
    assert client.get(DESK).status_code == status
    assert client.get("/hotline/incoming/").status_code == status
    assert client.get("/hotline/calls/").status_code == status


def test_signed_out_the_desk_asks_to_sign_in(hl, client):
    response = client.get(DESK)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_desk_polls_the_incoming_panel_every_two_seconds(hl, people, login, client):
    login(people.operator)
    html = client.get(DESK).content.decode()
    assert f'hx-get="{reverse("hotline:incoming")}"' in html and 'hx-trigger="every 2s"' in html


def test_the_incoming_panel_shows_the_masked_number_and_its_history(hl, people, login, client):
    hl.ring(MOBILE)
    open_order_at(hl, hl.tree.xieshu, MOBILE)
    hl.ring(MOBILE)
    hl.ring(LANDLINE, pbx=hl.pbx_xinqi)  # another hotline
    login(people.operator)
    html = client.get("/hotline/incoming/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "138****5678" in html and MOBILE not in html
    assert "1 earlier call, 1 work order" in html
    assert "574****1234" not in html
    zh = client.get("/hotline/incoming/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "接听" in zh and "此前来电 1 次" in zh


def test_the_polled_panel_costs_at_most_four_queries_and_writes_nothing(hl, people, login, client,
                                                                       django_assert_max_num_queries):
    for i in range(8):
        hl.ring(MOBILE if i % 2 else LANDLINE)
        open_order_at(hl, hl.tree.xieshu, MOBILE)
    hl.taken(MOBILE)
    login(people.operator)
    client.get("/hotline/incoming/")  # the session notes activity once a minute: not on this count
    audits = AuditEvent.objects.count()
    with django_assert_max_num_queries(4):
        response = client.get("/hotline/incoming/")
    assert response.status_code == 200 and response.content.decode().count("hl-call ") == 9
    assert AuditEvent.objects.count() == audits


def test_taking_a_call_from_the_panel_opens_it_on_the_desk(hl, people, login, client):
    resident = resident_create(by=people.worker, name="马晓东", place=hl.tree.xieshu, basis="asked", phone=MOBILE)
    call = hl.ring("138 1234 5678")
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/take/")
    assert response.status_code == 302 and response["Location"] == f"{DESK}?call={call.pk}"
    call.refresh_from_db()
    assert call.state == CallState.ANSWERED and call.operator == people.operator
    response = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "马晓东" in html and reverse("people:detail", args=[resident.pk]) in html
    assert MOBILE not in html.replace('value="138 1234 5678"', "")  # only the order form's prefilled contact
    form = response.context["order_form"]
    assert form.initial["contact_phone"] == "138 1234 5678" and form.initial["contact_name"] == "马晓东"
    assert form.initial["place"] == hl.tree.xieshu.pk
    assert AuditEvent.objects.filter(action="hotline.caller_lookup", actor=people.operator,
                                     subject_id=resident.pk).exists()


def test_taking_through_htmx_redirects_the_whole_page(hl, people, login, client):
    call = hl.ring()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/take/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == f"{DESK}?call={call.pk}"


def test_a_call_of_another_subdistrict_is_404_on_every_desk_page(hl, people, login, client):
    other = hl.ring(pbx=hl.pbx_xinqi)
    login(people.operator)
    assert client.get(f"{DESK}?call={other.pk}").status_code == 404
    assert client.get(f"/hotline/calls/{other.pk}/").status_code == 404
    for action in ("take", "answer", "other", "order"):
        assert client.post(f"/hotline/calls/{other.pk}/{action}/").status_code == 404
    other.refresh_from_db()
    assert other.state == CallState.RINGING and other.outcome == ""


def test_the_number_box_finds_a_number_typed_any_way_within_scope(hl, people, login, client):
    hl.ring(LANDLINE)
    hl.ring(LANDLINE, pbx=hl.pbx_xinqi)
    mine = open_order_at(hl, hl.tree.jiufeng, "0574-86881234")
    theirs = open_order_at(hl, hl.tree.dagang, LANDLINE)
    login(people.operator)
    response = client.post("/hotline/lookup/", {"phone": "+86 574 86881234"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    history = response.context["history"]
    assert len(history.calls) == 1 and history.orders == [mine]
    html = response.content.decode()
    assert mine.number in html and theirs.number not in html
    assert "1 earlier call" in html and "Log a call from this number" in html
    assert client.get("/hotline/lookup/").status_code == 405  # numbers never travel in a URL


def test_a_bad_number_in_the_box_is_told_next_to_the_field(hl, people, login, client):
    login(people.operator)
    response = client.post("/hotline/lookup/", {"phone": "12345"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["lookup_form"].errors["phone"]
    assert "has-error" in response.content.decode()
    assert not AuditEvent.objects.filter(action="hotline.caller_lookup").exists()


def test_logging_a_call_typed_in_from_the_number_box(hl, people, login, client):
    login(people.operator)
    response = client.post("/hotline/record/", {"phone": "+8613812345678"})
    call = Call.objects.get()
    assert response["Location"] == f"{DESK}?call={call.pk}"
    assert call.operator == people.operator and call.caller_phone == "+8613812345678"


def test_answered_on_the_call_from_the_desk(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/answer/", {
        "answer-category": hl.insurance.pk, "answer-summary": "告知参保途径", "answer-version": call.version})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.outcome == Outcome.ANSWERED_ON_CALL and call.summary == "告知参保途径"


@pytest.mark.parametrize("language,category_msg,summary_msg", [
    ("en", "Choose the service category.", "Write in a few words what was asked and answered."),
    ("zh-hans", "请选择服务类别。", "请简要写下来电人问了什么、如何答复。"),
])
def test_answering_without_category_or_summary_shows_both_messages_next_to_their_fields(
        hl, people, login, client, language, category_msg, summary_msg):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/answer/", {"answer-version": call.version},
                           HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    form = response.context["answer_form"]
    assert form.errors["category"] == [category_msg] and form.errors["summary"] == [summary_msg]
    assert Call.objects.get(pk=call.pk).outcome == ""


def test_opening_an_order_shows_its_number_and_tracking_code(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call))
    assert response.status_code == 302, response.context["order_form"].errors
    order = WorkOrder.objects.get()
    call.refresh_from_db()
    assert call.order == order and call.outcome == Outcome.ORDER_OPENED
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert order.number in page and order.tracking_code in page and "Tracking code to read out" in page


@pytest.mark.parametrize("overrides,field,message", [
    ({"order-category": ""}, "category", "Choose the service category."),
    ({"order-description": "   "}, "description", "Describe what the resident needs."),
    ({"order-contact_phone": "12345"}, "contact_phone", None),
    ({"order-place": ""}, "place", "Choose the place the request is about."),
    ({"order-contact_consent": None}, "contact_consent", None),
])
def test_opening_an_order_with_bad_input_shows_the_message_and_saves_nothing(hl, people, login, client, overrides,
                                                                          field, message):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call, **overrides),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    errors = response.context["order_form"].errors
    assert field in errors, errors
    if message:
        assert errors[field] == [message]
    assert 'class="field has-error"' in response.content.decode()
    assert not WorkOrder.objects.exists()
    call.refresh_from_db()
    assert call.outcome == "" and call.order is None


def test_a_place_outside_the_scope_cannot_be_chosen(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call, **{
        "order-place": hl.tree.dagang.pk}))
    assert "place" in response.context["order_form"].errors
    assert not WorkOrder.objects.exists()


def test_a_ten_megabyte_description_gets_a_clear_message_and_saves_nothing(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/order/",
                           order_post(hl, call, **{"order-description": "长" * 10_000_000}),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response.context["order_form"].errors["description"] == [
        "This is far too long: a description has at most 5000 characters."]
    assert not WorkOrder.objects.exists() and Call.objects.get(pk=call.pk).outcome == ""


def test_a_description_just_over_the_limit_is_told_its_length(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    response = client.post(f"/hotline/calls/{call.pk}/order/",
                           order_post(hl, call, **{"order-description": "长" * 5001}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["order_form"].errors["description"] == ["At most 5000 characters; this has 5001."]
    assert not WorkOrder.objects.exists()


def test_a_script_in_the_description_is_shown_as_text(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call, **{
        "order-description": "<script>alert(1)</script>社保"}))
    page = client.get(f"{DESK}?call={call.pk}").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_submitting_the_order_form_twice_opens_one_order(hl, people, login, client):
    call = hl.taken()
    login(people.operator)
    client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call))
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call), HTTP_ACCEPT_LANGUAGE="en")
    assert WorkOrder.objects.count() == 1
    assert response.status_code == 200 and response.context["order_form"].non_field_errors()


def test_the_callback_list_shows_resolved_orders_in_scope(hl, people, login, client):
    from shiliu.workorders.services import order_acknowledge, order_resolve

    order = open_order_at(hl, hl.tree.xieshu, MOBILE)
    order = order_acknowledge(by=people.worker, order=order, version=order.version)
    order = order_resolve(by=people.worker, order=order, version=order.version, reply="已协调")
    login(people.operator)
    html = client.get(DESK).content.decode()
    assert order.number in html and reverse("workorders:detail", args=[order.pk]) in html


def test_the_desk_reads_in_english_and_in_chinese(hl, people, login, client):
    login(people.operator)
    assert "Incoming calls" in client.get(DESK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    zh = client.get(DESK, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "来电" in zh and "Incoming calls" not in zh


def test_the_desk_embeds_the_knowledge_search_and_ticks_articles_used(hl, people, login, client):
    from hotline_helpers import published_article

    article = published_article(hl)
    call = hl.taken()
    login(people.operator)
    html = client.get(f"{DESK}?call={call.pk}").content.decode()
    assert f'hx-get="{reverse("knowledge:search_partial")}"' in html
    picker = client.get("/hotline/articles/", {"q": "社会保险", "category": hl.insurance.pk}).content.decode()
    assert f'name="answer-articles" value="{article.pk}"' in picker and article.title in picker
    kept = client.get("/hotline/articles/", {"q": "没有这样的词", "answer-articles": [article.pk]}).content.decode()
    assert f'value="{article.pk}" checked' in kept  # ticked stays ticked across searches
    response = client.post(f"/hotline/calls/{call.pk}/answer/", {
        "answer-category": hl.insurance.pk, "answer-summary": "告知参保途径", "answer-version": call.version,
        "answer-articles": [article.pk]})
    assert response.status_code == 302
    assert list(Call.objects.get(pk=call.pk).articles.all()) == [article]


def test_the_knowledge_search_itself_answers_from_the_desk(hl, people, login, client):
    from hotline_helpers import published_article

    article = published_article(hl)
    login(people.operator)
    response = client.get(reverse("knowledge:search_partial"), {"q": "社会保险"})
    assert response.status_code == 200 and article.title in response.content.decode()


def test_files_go_with_the_order_and_a_fake_one_is_refused_with_the_other_mistakes(hl, people, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from shiliu.workorders.models import Attachment

    call = hl.taken()
    login(people.operator)
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call, **{
        "order-attachments": fake, "order-category": ""}), HTTP_ACCEPT_LANGUAGE="en")
    errors = response.context["order_form"].errors
    assert "category" in errors and "is not a PDF file" in errors["attachments"][0]
    assert not WorkOrder.objects.exists() and not Attachment.objects.exists()
    note = SimpleUploadedFile("情况说明.txt", "工资条丢失，只有聊天记录。".encode(), content_type="text/plain")
    response = client.post(f"/hotline/calls/{call.pk}/order/", order_post(hl, call, **{"order-attachments": note}))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.order == WorkOrder.objects.get() and attachment.name == "情况说明.txt"


def test_the_desk_costs_a_fixed_number_of_queries(hl, people, login, client, django_assert_max_num_queries):
    from shiliu.workorders.services import order_acknowledge, order_resolve

    for _ in range(6):
        hl.ring(MOBILE)
        order = open_order_at(hl, hl.tree.xieshu, MOBILE)
        order = order_acknowledge(by=people.worker, order=order, version=order.version)
        order_resolve(by=people.worker, order=order, version=order.version, reply="已协调")
    call = hl.taken(MOBILE)
    login(people.operator)
    client.get(DESK)
    with django_assert_max_num_queries(6):
        assert client.get(DESK).status_code == 200
    # + the caller's history, its audit record (PostgreSQL: and the chain's lock), the forms' choices
    with django_assert_max_num_queries(15 + AUDIT_LOCK):
        response = client.get(f"{DESK}?call={call.pk}")
    assert len(response.context["history"].calls) == 6 and len(response.context["history"].orders) == 6
