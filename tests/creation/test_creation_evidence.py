"""Evidence for the six ones: files checked by content, photos re-encoded, progress x/6, withdrawal
that keeps the history, an audit record for every change, files served only within scope."""

import io
from datetime import timedelta

import pytest
from creation_helpers import EXECUTABLE, office_bytes, pdf_bytes, png_bytes, upload
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from shiliu.activities.models import Activity
from shiliu.audit.models import AuditEvent
from shiliu.creation.models import Evidence
from shiliu.creation.selectors import site_get
from shiliu.creation.services import evidence_add, evidence_withdraw, progress


def item_url(site, kind="publicity_carrier") -> str:
    return f"/creation/sites/{site.pk}/items/{kind}/"


def add(client, site, item="publicity_carrier", **data):
    return client.post(item_url(site, item), data)


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("plan.pdf", pdf_bytes(), "application/pdf"),
    ("plan.docx", office_bytes("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("sheet.xlsx", office_bytes("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_a_document_is_accepted_by_its_content(people, sites, login, client, name, data, content_type):
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "document", "file": upload(name, data), "note": "方案"})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == content_type and evidence.size == len(data)
    assert evidence.file_name == name and evidence.file.name == f"creation/evidence/{evidence.token}"
    assert evidence.file.read() == data


@pytest.mark.parametrize(("name", "data"), [
    ("report.pdf", EXECUTABLE),
    ("photo.docx", png_bytes()),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ("fake.xlsx", b"PK\x03\x04 not really a zip"),
])
def test_a_file_that_is_not_a_document_is_refused_next_to_the_field(people, sites, login, client, name, data):
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "document", "file": upload(name, data)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file is not a PDF, Word (.docx) or Excel (.xlsx) document."]
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(action="creation.evidence.add").exists()


def test_a_macro_workbook_is_refused(people, sites, login, client):
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "document",
                                                    "file": upload("m.xlsx", office_bytes("xlsx", macros=True))})
    assert "file" in response.context["form"].errors
    assert not Evidence.objects.exists()


def test_an_executable_named_as_a_photo_is_refused(people, sites, login, client):
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "photo", "file": upload("photo.jpg", EXECUTABLE,
                                                                                    "image/jpeg")},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["file"] == ["This file is not a photo in JPEG, PNG or WebP format."]
    assert not Evidence.objects.exists()


def test_a_photo_is_re_encoded_without_its_location(people, sites, login, client):
    login(people.officer)
    original = png_bytes(gps=True)
    assert b"PhoneMaker" in original
    response = client.post(item_url(sites.xieshu), {"kind": "photo", "file": upload("site.jpg", original)})
    assert response.status_code == 302
    stored = Evidence.objects.get().file.read()
    assert b"PhoneMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_file_over_the_size_limit_is_refused(people, sites, login, client, settings):
    settings.SHILIU_UPLOAD_MAX_BYTES = 1000
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "document", "file": upload("big.pdf", pdf_bytes() * 3)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["file"] == ["The file is larger than 0.001 MB. Choose a smaller file."]
    assert not Evidence.objects.exists()


def test_missing_file_and_kind_are_reported(people, sites, login, client):
    login(people.officer)
    response = client.post(item_url(sites.xieshu), {"kind": "photo"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["file"] == ["Choose a photo to upload."]
    response = client.post(item_url(sites.xieshu), {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["kind"] == ["Choose an activity, a document or a photo."]
    assert not Evidence.objects.exists()


def _activity(place, by, status="done") -> Activity:
    start = timezone.now() - timedelta(days=3)
    return Activity.objects.create(title="民族团结主题活动", type="themed", place=place, starts_at=start,
                                   ends_at=start + timedelta(hours=2), venue="社区广场", created_by=by, status=status)


def test_an_activity_of_the_users_places_proves_an_item(people, tree, sites, login, client):
    activity = _activity(tree.xieshu, people.officer)
    elsewhere = _activity(tree.dagang, people.admin)
    login(people.officer)
    planned = _activity(tree.xieshu, people.officer, status="planned")
    response = add(client, sites.xieshu, "themed_activity", kind="activity", activity=elsewhere.pk)
    assert response.context["form"].errors["activity"]
    response = add(client, sites.xieshu, "themed_activity", kind="activity", activity=planned.pk)
    assert response.context["form"].errors["activity"]  # not held yet: proves nothing
    response = add(client, sites.xieshu, "themed_activity", kind="activity", activity=activity.pk)
    assert response.status_code == 302
    assert Evidence.objects.get().activity == activity


def test_progress_counts_items_with_live_evidence_and_each_change_is_audited(people, sites):
    site, by = sites.xieshu, people.officer
    items = {i.kind: i for i in site.items.all()}
    first = evidence_add(item=items["publicity_carrier"], by=by, kind="document", file=upload("a.pdf", pdf_bytes()))
    evidence_add(item=items["publicity_carrier"], by=by, kind="document", file=upload("b.pdf", pdf_bytes()))
    evidence_add(item=items["activity_venue"], by=by, kind="photo", file=upload("c.png", png_bytes()))
    assert progress(site) == 2
    assert site_get(by, site.pk).satisfied == 2
    evidence_withdraw(evidence=first, by=by, reason="照片不清楚")
    assert progress(site) == 2  # the item still has its second document
    adds = AuditEvent.objects.filter(action="creation.evidence.add").order_by("id")
    assert [e.detail["progress"] for e in adds] == [1, 1, 2]
    withdrawal = AuditEvent.objects.get(action="creation.evidence.withdraw")
    assert withdrawal.detail == {"evidence": first.pk, "item": "publicity_carrier", "progress": 2}
    assert withdrawal.actor == by and withdrawal.target_id == str(site.pk)


def test_withdrawing_keeps_the_evidence_and_its_history(people, sites, login, client):
    site = sites.xieshu
    item = site.items.get(kind="assistance_project")
    evidence = evidence_add(item=item, by=people.officer, kind="document", file=upload("p.pdf", pdf_bytes()))
    login(people.officer)
    response = client.post(f"/creation/evidence/{evidence.pk}/withdraw/", {"reason": "项目已调整"})
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.withdrawn_at is not None and evidence.withdrawn_by == people.officer
    assert evidence.withdraw_reason == "项目已调整" and evidence.file.read() == pdf_bytes()
    page = client.get(item_url(site, "assistance_project"))
    assert page.context["item"].withdrawn == [evidence] and page.context["item"].active == []
    assert "项目已调整" in page.content.decode()
    assert site_get(people.officer, site.pk).satisfied == 0
    again = client.post(f"/creation/evidence/{evidence.pk}/withdraw/", {"reason": "再次"})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="creation.evidence.withdraw").count() == 1


def test_withdrawing_needs_a_reason(people, sites):
    item = sites.xieshu.items.get(kind="assistance_project")
    evidence = evidence_add(item=item, by=people.officer, kind="document", file=upload("p.pdf", pdf_bytes()))
    with pytest.raises(ValidationError) as exc:
        evidence_withdraw(evidence=evidence, by=people.officer, reason=" ")
    assert "reason" in exc.value.message_dict
    evidence.refresh_from_db()
    assert evidence.withdrawn_at is None


def test_the_file_is_served_as_an_attachment_only_within_scope(people, sites, login, client):
    item = sites.dagang.items.get(kind="demonstration_point")
    evidence = evidence_add(item=item, by=people.admin, kind="document", file=upload("d.pdf", pdf_bytes()))
    login(people.other_worker)
    response = client.get(f"/creation/evidence/{evidence.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert AuditEvent.objects.filter(action="creation.evidence.file", actor=people.other_worker).count() == 1
    client.post("/accounts/logout/")
    login(people.officer)  # the site is public, its evidence is not
    assert client.get(f"/creation/evidence/{evidence.pk}/file/").status_code == 404


def test_an_outsider_cannot_add_or_withdraw_and_nothing_changes(people, sites, login, client):
    item = sites.dagang.items.get(kind="demonstration_point")
    evidence = evidence_add(item=item, by=people.admin, kind="document", file=upload("d.pdf", pdf_bytes()))
    login(people.officer)
    assert client.post(item_url(sites.dagang, "demonstration_point"),
                       {"kind": "document", "file": upload("x.pdf", pdf_bytes())}).status_code == 404
    assert client.post(f"/creation/evidence/{evidence.pk}/withdraw/", {"reason": "x"}).status_code == 404
    evidence.refresh_from_db()
    assert evidence.withdrawn_at is None and Evidence.objects.count() == 1


def test_a_worker_sees_the_evidence_but_cannot_add(people, sites, login, client):
    login(people.worker)
    page = client.get(item_url(sites.xieshu))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' not in page.content.decode()
    response = client.post(item_url(sites.xieshu), {"kind": "document", "file": upload("x.pdf", pdf_bytes())})
    assert response.status_code == 403
    assert not Evidence.objects.exists()
    with pytest.raises(PermissionDenied):
        evidence_add(item=sites.xieshu.items.first(), by=people.worker, kind="document",
                     file=upload("x.pdf", pdf_bytes()))


def test_an_unknown_item_kind_is_404(people, sites, login, client):
    login(people.officer)
    assert client.get(item_url(sites.xieshu, "seventh_one")).status_code == 404
