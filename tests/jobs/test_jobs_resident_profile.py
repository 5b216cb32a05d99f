"""A resident keeps their own job-seeker profile on the portal with a verified phone: makes it,
changes it, stops and resumes looking, sees the open jobs that fit — and staff see it in the scope
of the place the resident chose, marked as made by the resident."""

import pytest
from django.core.exceptions import ValidationError
from jobs_helpers import make_seeker
from resident_helpers import E164, OTHER, OTHER_E164, PHONE, profile_data, verify

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.jobs import seeking
from shiliu.jobs.models import JobSeeker

PAGE = "/portal/jobs/profile/"


@pytest.fixture
def resident(client, tree):
    verify(client)
    return client


def test_without_a_verified_phone_the_page_goes_to_the_code_page(client, tree):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/portal/code/")
    assert client.post(PAGE, profile_data(tree)).status_code == 302
    assert not JobSeeker.objects.exists()


def test_without_a_profile_the_page_offers_the_form_and_never_asks_ethnicity_or_religion(resident):
    response = resident.get(PAGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    form = response.context["form"]
    assert set(form.fields) == {"name", "place", "languages", "skills", "skills_other", "wished_place",
                                "wished_pay_min", "wished_pay_max", "availability", "consent", "version"}
    page = response.content.decode().lower()
    assert "ethnicity\"" not in page and "religion\"" not in page and 'name="ethnicity' not in page


def test_a_resident_makes_a_profile_with_consent_and_it_is_audited_without_a_staff_author(resident, tree):
    response = resident.post(PAGE, profile_data(tree))
    assert response.status_code == 302 and response["Location"] == PAGE
    seeker = JobSeeker.objects.get()
    assert seeker.phone == E164 and seeker.phone_index and seeker.place == tree.xieshu
    assert seeker.created_by is None and seeker.consent and seeker.consent_at and seeker.consent_by is None
    assert seeker.skill_codes == ["assembly"] and seeker.language_codes == ["mandarin", "uyghur"]
    event = AuditEvent.objects.get(action="jobs.seeker.create")
    assert event.actor_id is None and event.detail["by_resident"] is True and E164 not in str(event.detail)
    page = resident.get(PAGE)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"] and "古丽米拉" in page.content.decode()


def test_a_double_submit_makes_one_profile(resident, tree):
    first = resident.post(PAGE, profile_data(tree))
    second = resident.post(PAGE, profile_data(tree, name="另一个名字"))
    assert first.status_code == second.status_code == 302
    assert JobSeeker.objects.count() == 1 and JobSeeker.objects.get().name == "古丽米拉"


def test_a_pay_range_upside_down_is_refused_next_to_the_field_and_nothing_is_saved(resident, tree):
    response = resident.post(PAGE, profile_data(tree, wished_pay_min="9000", wished_pay_max="3000"))
    assert response.status_code == 200
    assert response.context["form"].errors["wished_pay_max"]
    assert not JobSeeker.objects.exists()


@pytest.mark.parametrize("field, value", [("name", "  "), ("place", ""), ("skills", ["juggling"]),
                                          ("wished_pay_min", "lots")])
def test_bad_input_is_refused_on_its_field(resident, tree, field, value):
    response = resident.post(PAGE, profile_data(tree, **{field: value}))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not JobSeeker.objects.exists()


def test_a_place_that_is_not_where_a_resident_lives_is_refused(resident, tree):
    response = resident.post(PAGE, profile_data(tree, place=str(tree.education.pk)))
    assert response.context["form"].errors["place"]
    assert not JobSeeker.objects.exists()


def test_without_consent_the_profile_is_kept_but_no_jobs_are_shown(resident, tree, posting):
    data = profile_data(tree)
    del data["consent"]
    resident.post(PAGE, data)
    seeker = JobSeeker.objects.get()
    assert not seeker.consent and seeker.consent_at is None
    response = resident.get(PAGE)
    assert response.context["matches"] == []


def test_the_profile_shows_open_jobs_that_fit_and_never_other_seekers(resident, tree, posting, people):
    make_seeker(people.worker, tree.xieshu, name="别的求职者", phone=OTHER)
    resident.post(PAGE, profile_data(tree))
    response = resident.get(PAGE)
    page = response.content.decode()
    assert [p.pk for p, _m in response.context["matches"]] == [posting.pk]
    assert posting.title in page and "别的求职者" not in page and "1391234" not in page


def test_a_resident_changes_the_profile_with_its_version(resident, tree):
    resident.post(PAGE, profile_data(tree))
    seeker = JobSeeker.objects.get()
    response = resident.post(f"{PAGE}edit/", profile_data(tree, skills=["cooking"], version=seeker.version))
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.skill_codes == ["cooking"] and seeker.version == 2
    assert AuditEvent.objects.filter(action="jobs.seeker.update", actor_id__isnull=True).exists()


def test_a_stale_version_is_refused_with_a_clear_message(resident, tree):
    resident.post(PAGE, profile_data(tree))
    seeker = JobSeeker.objects.get()
    JobSeeker.objects.update(version=seeker.version + 1)
    response = resident.post(f"{PAGE}edit/", profile_data(tree, name="新名字", version=seeker.version))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert JobSeeker.objects.get().name == "古丽米拉"


def test_stop_looking_and_resume(resident, tree):
    resident.post(PAGE, profile_data(tree))
    seeker = JobSeeker.objects.get()
    resident.post(f"{PAGE}status/", {"status": "paused", "version": seeker.version})
    seeker.refresh_from_db()
    assert seeker.status == "paused"
    assert resident.get(PAGE).context["matches"] == []
    resident.post(f"{PAGE}status/", {"status": "looking", "version": seeker.version})
    seeker.refresh_from_db()
    assert seeker.status == "looking"


def test_a_resident_cannot_set_in_work(resident, tree):
    resident.post(PAGE, profile_data(tree))
    seeker = JobSeeker.objects.get()
    resident.post(f"{PAGE}status/", {"status": "placed", "version": seeker.version})
    seeker.refresh_from_db()
    assert seeker.status == "looking" and seeker.version == 1


def test_another_phones_profile_is_neither_shown_nor_changed(client, tree, people):
    theirs = make_seeker(people.worker, tree.xieshu, name="别人", phone=OTHER)
    verify(client)
    response = client.get(PAGE)
    assert "别人" not in response.content.decode() and "form" in response.context
    with pytest.raises(JobSeeker.DoesNotExist):
        seeking.seeker_update_by_resident(phone=E164, seeker=theirs, version=theirs.version, name="改掉")
    assert JobSeeker.objects.get(pk=theirs.pk).name == "别人"


def test_a_profile_a_worker_recorded_for_the_phone_is_the_residents_own(resident, tree, people):
    make_seeker(people.worker, tree.xieshu, name="艾力", phone=PHONE)
    response = resident.get(PAGE)
    assert "艾力" in response.content.decode()
    assert resident.post(PAGE, profile_data(tree)).status_code == 302
    assert JobSeeker.objects.count() == 1


def test_no_personal_data_in_the_pages_urls(resident, tree):
    response = resident.post(PAGE, profile_data(tree), follow=True)
    for url, _status in response.redirect_chain:
        assert "138" not in url and "古丽" not in url and "%E5" not in url
    page = response.content.decode()
    assert "13812345678" not in page and E164 not in page


def test_staff_see_the_profile_in_the_chosen_places_scope_marked_as_the_residents(resident, tree, people, login,
                                                                                    client):
    resident.post(PAGE, profile_data(tree))
    seeker = JobSeeker.objects.get()
    resident.post("/portal/sign-out/")
    login(people.worker)
    detail = client.get(f"/jobs/seekers/{seeker.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "居民本人" in text or "by the resident" in text
    assert client.get("/jobs/seekers/").context["rows"][0]["seeker"] == seeker
    client.logout()
    login(people.other_worker)
    assert client.get(f"/jobs/seekers/{seeker.pk}/").status_code == 404


def test_the_data_page_lists_the_residents_own_profile(resident, tree):
    resident.post(PAGE, profile_data(tree))
    response = resident.get("/my-data/")
    assert response.status_code == 200 and "古丽米拉" in response.content.decode()


def test_the_portal_home_and_my_requests_link_to_the_profile(resident):
    assert PAGE in resident.get("/portal/mine/").content.decode()
    assert PAGE in resident.get("/portal/").content.decode()


# --- the service itself ---------------------------------------------------------------------------

def test_the_service_gives_every_message_at_once(tree):
    with pytest.raises(ValidationError) as e:
        seeking.seeker_create_by_resident(phone=OTHER_E164, name="", place=None, skills=["x"],
                                          wished_pay_min=9000, wished_pay_max=100, availability="never")
    assert {"name", "place", "skills", "wished_pay_max", "availability"} <= set(e.value.message_dict)
    assert not JobSeeker.objects.exists()


def test_the_service_refuses_a_stale_version(tree):
    seeker, created = seeking.seeker_create_by_resident(phone=E164, name="甲", place=tree.xieshu.pk)
    assert created
    seeking.seeker_update_by_resident(phone=E164, seeker=seeker, version=seeker.version, name="乙")
    with pytest.raises(StaleVersion):
        seeking.seeker_update_by_resident(phone=E164, seeker=seeker, version=seeker.version, name="丙")
