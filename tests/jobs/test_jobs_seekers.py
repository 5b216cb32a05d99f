"""Seekers kept by a worker: masked phone, audited reads, consent with its time and worker,
suggestions with reasons, referrals, placements and the figure "people helped into work"."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from jobs_helpers import PG, PHONE, PHONE_MASKED, make_employer, make_posting, make_seeker

from shiliu.audit.models import AuditEvent
from shiliu.jobs import seeking, selectors
from shiliu.jobs.models import JobSeeker, Placement, Referral


def form_data(tree, **overrides) -> dict:
    data = {"name": "古丽米拉", "phone": PHONE, "place": tree.xieshu.pk, "languages": ["mandarin", "uyghur"],
            "skills": ["assembly", "service"], "skills_other": "会缝纫", "wished_pay_min": "4000",
            "wished_pay_max": "6000", "availability": "now", "consent": "on"}
    data.update(overrides)
    return data


def test_worker_records_a_seeker_with_consent(people, tree, login, client):
    login(people.worker)
    response = client.post("/jobs/seekers/new/", form_data(tree))
    seeker = JobSeeker.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/seekers/{seeker.pk}/"
    assert seeker.phone == "+8613812345678" and seeker.skill_codes == ["assembly", "service"]
    assert seeker.consent and seeker.consent_by == people.worker and seeker.consent_at is not None
    page = client.get(response["Location"]).content.decode()
    assert PHONE_MASKED in page and PHONE not in page
    assert AuditEvent.objects.filter(action="jobs.seeker.view", target_id=str(seeker.pk)).count() == 1
    assert AuditEvent.objects.filter(action="jobs.seeker.create").count() == 1


def test_the_seeker_form_has_no_ethnicity_or_religion(people, login, client):
    login(people.worker)
    fields = client.get("/jobs/seekers/new/").context["form"].fields
    assert not {"ethnicity", "religion", "nation", "minzu"} & set(fields)
    assert not {f.name for f in JobSeeker._meta.fields} & {"ethnicity", "religion"}


def test_bad_input_is_shown_next_to_each_field_and_nothing_saved(people, tree, login, client):
    login(people.worker)
    response = client.post("/jobs/seekers/new/", form_data(tree, name="", phone="12", wished_pay_min="9000",
                                                           wished_pay_max="3000"))
    assert set(response.context["form"].errors) == {"name", "phone", "wished_pay_max"}
    assert not JobSeeker.objects.exists()


def test_outsider_gets_404_and_nothing_changes(people, tree, seeker, posting, login, client):
    login(people.other_worker)
    base = f"/jobs/seekers/{seeker.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/edit/", form_data(tree, name="改", version="1")).status_code == 404
    assert client.post(f"{base}/refer/", {"posting": posting.pk}).status_code == 404
    assert client.post(f"{base}/placements/", {"employer": posting.employer_id,
                                               "start_date": "2026-01-01"}).status_code == 404
    seeker.refresh_from_db()
    assert seeker.name == "艾力" and seeker.version == 1
    assert not Referral.objects.exists() and not Placement.objects.exists()


def test_suggestions_with_reasons_then_referral_and_placement(people, tree, seeker, posting, login, client):
    login(people.worker)
    page = client.get(f"/jobs/seekers/{seeker.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    (suggested, match, referred), = page.context["matches"]
    assert suggested == posting and not referred
    assert match.reasons == ["skills: Assembly line work", "same community", "speaks Mandarin", "pay fits"]
    response = client.post(f"/jobs/seekers/{seeker.pk}/refer/", {"posting": posting.pk})
    assert response.status_code == 302
    referral = Referral.objects.get()
    client.post(f"/jobs/seekers/{seeker.pk}/refer/", {"posting": posting.pk})  # twice: stored once
    assert Referral.objects.count() == 1
    client.post(f"/jobs/referrals/{referral.pk}/outcome/", {"outcome": "interview", "version": referral.version})
    referral.refresh_from_db()
    assert referral.outcome == "interview"
    start = timezone.localdate().isoformat()
    data = {"employer": posting.employer_id, "posting": posting.pk, "start_date": start}
    assert client.post(f"/jobs/seekers/{seeker.pk}/placements/", data).status_code == 302
    assert client.post(f"/jobs/seekers/{seeker.pk}/placements/", data).status_code == 422  # stored once
    placement = Placement.objects.get()
    assert placement.place == tree.xieshu and placement.recorded_by == people.worker
    seeker.refresh_from_db()
    referral.refresh_from_db()
    assert seeker.status == "placed" and referral.outcome == "hired"


def test_without_consent_no_suggestions_and_no_referral(people, tree, posting):
    seeker = make_seeker(people.worker, tree.xieshu, consent=False)
    with pytest.raises(ValidationError) as exc:
        seeking.referral_create(seeker=seeker, posting=posting, by=people.worker)
    assert "seeker" in exc.value.message_dict
    assert selectors.suggested_seekers(people.worker, posting) == []


def test_suggested_seekers_are_only_of_the_users_places(people, tree, seeker, posting):
    other = make_seeker(people.other_worker, tree.dagang, name="韩晓东")
    assert [s for s, _m in selectors.suggested_seekers(people.worker, posting)] == [seeker]
    assert [s for s, _m in selectors.suggested_seekers(people.other_worker, posting)] == [other]


def test_people_helped_into_work_counts_distinct_seekers_in_scope(people, tree, seeker, posting, login, client):
    employer = posting.employer
    today = timezone.localdate()
    seeking.placement_record(seeker=seeker, employer=employer, by=people.worker, start_date=today)
    # the same person placed again later counts once
    seeking.placement_record(seeker=seeker, employer=employer, by=people.worker,
                             start_date=today - timedelta(days=40))
    jiufeng = make_seeker(people.officer, tree.jiufeng, name="马文军")
    seeking.placement_record(seeker=jiufeng, employer=employer, by=people.officer, start_date=today)
    dagang = make_seeker(people.other_worker, tree.dagang, name="韩晓东")
    seeking.placement_record(seeker=dagang, employer=employer, by=people.other_worker, start_date=today)

    rows, total, placements = selectors.helped_into_work(people.officer)
    assert {(r.place.name, r.people) for r in rows} == {("谢墅社区", 1), ("九峰社区", 1)}
    assert (total, placements) == (2, 3)
    assert selectors.helped_into_work(people.officer, date_from=today - timedelta(days=10))[1:] == (2, 2)
    assert selectors.helped_into_work(people.admin)[1] == 3
    assert selectors.helped_into_work(people.worker)[1] == 1

    login(people.officer)
    page = client.get("/jobs/figures/").content.decode()
    assert "谢墅社区" in page and "艾力" not in page and "大港社区" not in page


def test_seeker_list_is_audited_and_its_query_count_fixed(people, tree, login, client, django_assert_num_queries):
    for i in range(3):
        make_seeker(people.worker, tree.xieshu, name=f"求职者{i}")
    login(people.worker)
    with django_assert_num_queries(8 - PG):
        response = client.get("/jobs/seekers/")
    assert PHONE_MASKED in response.content.decode() and PHONE not in response.content.decode()
    make_seeker(people.worker, tree.xieshu, name="求职者9")
    with django_assert_num_queries(8 - PG):
        client.get("/jobs/seekers/")
    event = AuditEvent.objects.filter(action="jobs.seeker.list").order_by("id").last()
    assert event.detail["count"] == 4


def test_placement_needs_a_verified_employer(people, tree, seeker):
    unverified = make_employer(people.worker, tree.xieshu, serial=11)
    with pytest.raises(ValidationError) as exc:
        seeking.placement_record(seeker=seeker, employer=unverified, by=people.worker,
                                 start_date=timezone.localdate())
    assert "employer" in exc.value.message_dict


def test_a_seeker_for_a_posting_elsewhere(people, tree, employer, seeker):
    """A posting of 大港 (another subdistrict) is suggested to a 谢墅 seeker for skills and pay."""
    posting = make_posting(employer, people.other_worker, tree.dagang, approver=people.admin)
    (found, match), = selectors.suggested_postings(people.worker, seeker)
    assert found == posting and match.score == 10 + 10 + 20 + 20


def test_referral_outcome_by_an_outsider_gets_404_and_nothing_changes(people, seeker, posting, login, client,
                                                                      token_for):
    referral = seeking.referral_create(seeker=seeker, posting=posting, by=people.worker)
    login(people.other_worker)
    response = client.post(f"/jobs/referrals/{referral.pk}/outcome/", {"outcome": "hired", "version": 1})
    assert response.status_code == 404
    api = client.post(f"/api/v1/jobs/referrals/{referral.pk}/outcome", {"outcome": "hired", "version": 1},
                      content_type="application/json", **token_for(people.other_worker))
    assert api.status_code == 404
    referral.refresh_from_db()
    assert referral.outcome == "pending" and referral.version == 1


def test_a_seeker_cannot_be_kept_at_a_place_outside_scope(people, tree, login, client):
    login(people.worker)
    response = client.post("/jobs/seekers/new/", form_data(tree, place=tree.dagang.pk))
    assert "place" in response.context["form"].errors
    assert not JobSeeker.objects.exists()


def test_a_seekers_name_is_never_a_search_in_the_url(people, tree, seeker, login, client, token_for):
    """SECURITY B5 / ADR 0008: the list filters by place and status; ?q= is no name search."""
    make_seeker(people.worker, tree.xieshu, name="阿依古丽", phone="13900001111")
    login(people.worker)
    page = client.get("/jobs/seekers/", {"q": "艾力"}).content.decode()
    assert 'name="q"' not in page
    assert "阿依古丽" in page and "艾力" in page  # the query filtered nothing
    names = {s["name"] for s in client.get("/api/v1/jobs/seekers", {"q": "艾力"},
                                             **token_for(people.worker)).json()["items"]}
    assert names == {"阿依古丽", "艾力"}
