"""Residents in a real browser: recording with a field-level error, revealing a phone after
re-authentication, and the 404 a worker gets for another subdistrict's records (B1, B4, C7, D2)."""

import pytest
from browser_helpers import PASSWORD, submit
from django.urls import reverse
from stdnum.cn import ric

from shiliu.audit.models import AuditEvent, AuditKind
from shiliu.people.models import Resident
from shiliu.people.services import resident_create

pytestmark = pytest.mark.browser

BODY = "33020619900101123"  # area code, birth date, sequence: the check digit follows
GOOD_ID = BODY + ric.calc_check_digit(BODY + "0")  # it reads the first 17 of 18
BAD_ID = BODY + ("0" if GOOD_ID[-1] != "0" else "1")  # same number, wrong check digit


def test_worker_records_a_resident_bad_id_number_shows_next_to_the_field_then_a_good_one_saves(
        people, tree, page, sign_in):
    sign_in(page, people.worker)
    page.goto(reverse("people:create"))
    page.fill("input[name=name]", "阿依古丽")
    page.select_option("select[name=place]", str(tree.xieshu.pk))
    page.check("input[name=basis][value=asked]")
    page.fill("input[name=id_number]", BAD_ID)
    submit(page)

    field = page.locator(".field.has-error")
    assert field.count() == 1
    assert field.locator("input[name=id_number]").count() == 1  # the message sits with its field
    assert field.locator(".errorlist").is_visible()
    assert page.input_value("input[name=name]") == "阿依古丽"  # nothing typed is lost
    assert not Resident.objects.exists()  # and nothing half-saved

    page.fill("input[name=id_number]", GOOD_ID)
    submit(page)
    assert Resident.objects.count() == 1, page.inner_text("main")[:800]
    resident = Resident.objects.get()
    assert page.url.endswith(reverse("people:detail", args=[resident.pk]))
    assert resident.id_number == GOOD_ID and resident.place == tree.xieshu
    main = page.inner_text("main")
    assert "居民已登记。" in main
    assert GOOD_ID not in main  # masked on screen (B1)
    assert GOOD_ID[:6] in main and GOOD_ID[-4:] in main


def test_worker_reveals_a_phone_only_after_confirming_the_password(people, tree, page, sign_in):
    resident = resident_create(by=people.worker, name="马晓东", place=tree.xieshu, basis="asked",
                               phone="13812345678")
    sign_in(page, people.worker)
    page.goto(reverse("people:detail", args=[resident.pk]))
    assert "13812345678" not in page.inner_text("main")
    assert "138****5678" in page.inner_text("main")

    reveal = page.locator("#reveal-phone")
    reveal.locator("summary").click()
    reveal.locator("input[name=reason]").fill("回访核实来电人")
    with page.expect_navigation():
        reveal.locator("button[type=submit]").click()
    assert "/accounts/reauth/" in page.url  # C7: the password again first
    assert not AuditEvent.objects.filter(kind=AuditKind.REVEAL).exists()

    page.fill("input[name=password]", PASSWORD)
    submit(page)
    assert page.url.endswith(reverse("people:detail", args=[resident.pk]))

    reveal = page.locator("#reveal-phone")
    reveal.locator("summary").click()
    reveal.locator("input[name=reason]").fill("回访核实来电人")
    reveal.locator("button[type=submit]").click()
    page.locator("#reveal-phone code.secret").wait_for()
    shown = page.inner_text("#reveal-phone code.secret")
    assert "13812345678" in shown and "*" not in shown
    event = AuditEvent.objects.get(kind=AuditKind.REVEAL)
    assert (event.actor, event.subject_id, event.reason) == (people.worker, resident.pk, "回访核实来电人")


def test_worker_typing_the_url_of_a_resident_or_place_in_another_subdistrict_gets_the_404_page(
        people, tree, page, sign_in):
    elsewhere = resident_create(by=people.other_worker, name="周建国", place=tree.dagang, basis="asked")
    sign_in(page, people.worker)
    for path in (reverse("people:detail", args=[elsewhere.pk]), reverse("places:detail", args=[tree.dagang.pk]),
                 reverse("places:detail", args=[tree.xinqi.pk])):
        response = page.goto(path)
        assert response.status == 404, path
        assert page.inner_text("main h1") == "未找到"
        assert "周建国" not in page.content() and "大港社区" not in page.inner_text("main")
    # the same page as for a record that does not exist at all
    missing = page.goto(reverse("people:detail", args=[elsewhere.pk + 1000]))
    assert missing.status == 404 and page.inner_text("main h1") == "未找到"
