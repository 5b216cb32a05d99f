"""Employers: the credit code's check character, registering twice, the public registration form
(honeypot, rate limit, nothing personal in the URL), verification by an officer."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from jobs_helpers import make_employer, make_officer

from shiliu.audit.models import AuditEvent
from shiliu.jobs import services
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import Employer

REGISTER = "/jobs/public/employers/register/"


def wrong_check(code: str) -> str:
    last = "0" if code[-1] != "0" else "1"
    return code[:-1] + last


def form_data(tree, **overrides) -> dict:
    data = {"name": "北仑示范电子有限公司", "credit_code": credit_code(7), "address": "示范大道 1 号",
            "place": tree.xieshu.pk, "contact_name": "吴主管", "contact_phone": "13900002222", "website": ""}
    data.update(overrides)
    return data


def test_a_wrong_check_character_is_refused_next_to_the_field(people, tree, login, client):
    login(people.worker)
    response = client.post("/jobs/employers/new/", form_data(tree, credit_code=wrong_check(credit_code(7))))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["credit_code"] and "校验码" in errors["credit_code"][0]
    assert not Employer.objects.exists()


def test_the_service_says_what_is_wrong_with_a_code(people, tree):
    with pytest.raises(ValidationError) as exc:
        services.employer_register(
            by=people.worker, name="x", credit_code="91330206MA2ABC", address="a", place=tree.xieshu,
            contact_name="c", contact_phone="13900002222")
    assert list(exc.value.message_dict) == ["credit_code"]
    assert "18" in exc.value.message_dict["credit_code"][0]


def test_registering_twice_is_refused_and_nothing_is_stored_twice(people, tree, login, client):
    make_employer(people.worker, tree.xieshu, serial=7)
    login(people.officer)
    code = credit_code(7)
    spaced = f"{code[:6]} {code[6:12]} {code[12:].lower()}"  # the same code written differently
    response = client.post("/jobs/employers/new/", form_data(tree, credit_code=spaced))
    assert "credit_code" in response.context["form"].errors
    assert Employer.objects.count() == 1


def test_an_employer_registers_online_and_staff_verify_it(people, tree, client, login):
    response = client.post(REGISTER, form_data(tree))
    assert response.status_code == 302 and response["Location"] == "/jobs/public/employers/register/done/"
    employer = Employer.objects.get()
    assert employer.status == "registered" and employer.source == "public" and employer.created_by is None
    assert employer.contact_phone == "+8613900002222"
    assert AuditEvent.objects.filter(action="jobs.employer.register", target_id=str(employer.pk)).exists()
    assert client.get(response["Location"]).status_code == 200

    login(people.officer)
    page = client.get(f"/jobs/employers/{employer.pk}/")
    assert "139****2222" in page.content.decode() and "13900002222" not in page.content.decode()
    assert AuditEvent.objects.filter(action="jobs.employer.view").count() == 1
    response = client.post(f"/jobs/employers/{employer.pk}/verify/", {"version": employer.version})
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.status == "verified" and employer.verified_by == people.officer and employer.verified_at


def test_the_public_form_shows_errors_next_to_fields_in_english(tree, client):
    response = client.post(REGISTER, form_data(tree, credit_code=wrong_check(credit_code(7)), contact_phone=""),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"credit_code", "contact_phone"}
    assert "check character" in errors["credit_code"][0]
    assert not Employer.objects.exists()


def test_the_honeypot_stores_nothing(tree, client):
    response = client.post(REGISTER, form_data(tree, website="http://spam.example"))
    assert response.status_code == 302
    assert not Employer.objects.exists()


def test_the_public_form_is_rate_limited_per_address(tree, client):
    for serial in range(5):
        client.post(REGISTER, form_data(tree, credit_code=credit_code(100 + serial),
                                        contact_phone=f"1390000300{serial}"))
    response = client.post(REGISTER, form_data(tree, credit_code=credit_code(200), contact_phone="13900003009"))
    assert response.status_code == 429 and response.has_header("Retry-After")
    assert Employer.objects.count() == 5


def test_the_public_form_puts_nothing_personal_in_urls(tree, client):
    response = client.post(REGISTER, form_data(tree))
    assert "1390000" not in response["Location"] and "?" not in response["Location"]
    page = client.get(REGISTER).content.decode()
    assert 'method="post"' in page and 'class="visually-hidden" aria-hidden="true"' in page


def test_outsider_cannot_verify_and_nothing_changes(people, tree, login, client):
    employer = make_employer(people.worker, tree.xieshu)
    login(people.other_worker)
    assert client.get(f"/jobs/employers/{employer.pk}/").status_code == 404
    # the worker of 大港 holds no job.verify: refused by the rule; an officer of 大碶 elsewhere: 404
    assert client.post(f"/jobs/employers/{employer.pk}/verify/", {"version": 1}).status_code == 403
    employer.refresh_from_db()
    assert employer.status == "registered" and employer.version == 1


def test_officer_of_another_subdistrict_gets_404_on_verify(people, tree, login, client):
    xinqi_officer = make_officer("xinqi_officer", tree.xinqi)
    employer = make_employer(people.worker, tree.xieshu)
    login(xinqi_officer)
    assert client.post(f"/jobs/employers/{employer.pk}/verify/", {"version": 1}).status_code == 404
    employer.refresh_from_db()
    assert employer.status == "registered"


def test_worker_cannot_verify(people, tree):
    employer = make_employer(people.worker, tree.xieshu)
    with pytest.raises(PermissionDenied):
        services.employer_verify(employer=employer, by=people.worker, version=employer.version)


def test_rejecting_needs_a_reason(people, tree, login, client):
    employer = make_employer(people.worker, tree.xieshu)
    login(people.officer)
    response = client.post(f"/jobs/employers/{employer.pk}/reject/", {"version": 1, "reason": ""})
    assert response.status_code == 422 and "reason" in response.context["reject_form"].errors
    client.post(f"/jobs/employers/{employer.pk}/reject/", {"version": 1, "reason": "营业执照已注销"})
    employer.refresh_from_db()
    assert employer.status == "rejected" and employer.reject_reason == "营业执照已注销"


def test_employer_list_query_count_is_fixed(people, tree, login, client, django_assert_num_queries):
    for serial in range(3):
        make_employer(people.officer, tree.xieshu, serial=serial, name=f"示范企业{serial}")
    login(people.worker)
    with django_assert_num_queries(6):
        client.get("/jobs/employers/")
    make_employer(people.officer, tree.jiufeng, serial=9, name="示范企业9")
    with django_assert_num_queries(6):
        client.get("/jobs/employers/")


def test_the_public_form_is_rate_limited_per_contact_phone(tree, client):
    for serial in range(3):
        client.post(REGISTER, form_data(tree, credit_code=credit_code(300 + serial)),
                    REMOTE_ADDR=f"192.0.2.{serial + 1}")
    response = client.post(REGISTER, form_data(tree, credit_code=credit_code(400), contact_phone="139 0000 2222"),
                           REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert Employer.objects.count() == 3


def test_staff_correct_an_employer_and_a_stale_edit_is_refused(people, tree, login, client, token_for):
    employer = make_employer(people.worker, tree.xieshu)
    login(people.worker)
    data = {"name": "大碶示范模具厂（新址）", "address": "示范路 9 号", "place": tree.xieshu.pk,
            "contact_name": "周经理", "contact_phone": "13900002101", "version": 1}
    assert client.post(f"/jobs/employers/{employer.pk}/edit/", data).status_code == 302
    employer.refresh_from_db()
    assert employer.address == "示范路 9 号" and employer.version == 2 and employer.credit_code == credit_code(1)
    stale = client.post(f"/jobs/employers/{employer.pk}/edit/", {**data, "address": "旧址"})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    api = client.patch(f"/api/v1/jobs/employers/{employer.pk}", {"version": 1, "address": "旧址"},
                       content_type="application/json", **token_for(people.worker))
    assert api.status_code == 409
    employer.refresh_from_db()
    assert employer.address == "示范路 9 号"


def test_outsider_cannot_edit_an_employer(people, tree, login, client, token_for):
    employer = make_employer(people.worker, tree.xieshu)
    login(people.other_worker)
    data = {"name": "改", "address": "改", "place": tree.dagang.pk, "contact_name": "改",
            "contact_phone": "13900009999", "version": 1}
    assert client.post(f"/jobs/employers/{employer.pk}/edit/", data).status_code == 404
    api = client.patch(f"/api/v1/jobs/employers/{employer.pk}", {"version": 1, "name": "改"},
                       content_type="application/json", **token_for(people.other_worker))
    assert api.status_code == 404
    employer.refresh_from_db()
    assert employer.name == "大碶示范模具厂" and employer.version == 1
