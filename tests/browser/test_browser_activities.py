"""Activities in a real browser: the pages fit a phone and a desktop in both languages; an organizer
registers someone, the participant checks in on a phone from the venue's QR address with the code
(a second try is refused next to the field); the month shows only busy days on a phone; a photo
uploads and its thumbnail shows, under the Content-Security-Policy."""

import io
import re
from datetime import timedelta

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from shiliu.activities.choices import ActivityStatus, ActivityType, RegistrationStatus
from shiliu.activities.models import Activity, ActivityPhoto, Registration
from shiliu.activities.registrations import registration_create
from shiliu.activities.services import activity_create, activity_set_status

pytestmark = pytest.mark.browser


def _activity(people, tree, *, starts_in=timedelta(minutes=-10), capacity=2) -> Activity:
    starts = timezone.now() + starts_in
    activity = activity_create(by=people.worker, title="石榴籽民族知识小课堂", title_en="Pomegranate-seed class",
                               type=ActivityType.THEMED, place=tree.xieshu, starts_at=starts,
                               ends_at=starts + timedelta(hours=3), venue="谢墅社区活动室", capacity=capacity)
    activity_set_status(activity=activity, by=people.worker, status=ActivityStatus.OPEN)
    for i, phone in enumerate(("13912340001", "13912340002", "13912340003")):
        registration_create(activity=activity, by=people.worker, name=f"参加者{i}", phone=phone)
    return Activity.objects.get(pk=activity.pk)


def test_the_activity_pages_fit_a_phone_and_a_desktop(people, tree, page, sign_in, check_layout):
    activity = _activity(people, tree)
    sign_in(page, people.worker)
    check_layout(page, "activities-list", reverse("activities:list"))
    check_layout(page, "activities-calendar", reverse("activities:calendar"))
    check_layout(page, "activities-detail", reverse("activities:detail", args=[activity.pk]))
    check_layout(page, "activities-registrations", reverse("activities:registrations", args=[activity.pk]))
    check_layout(page, "activities-form", reverse("activities:create"))
    check_layout(page, "activities-outcome", reverse("activities:outcome", args=[activity.pk]))
    check_layout(page, "activities-qr", reverse("activities:qr", args=[activity.pk]))
    check_layout(page, "activities-checkin", reverse("activities:checkin", args=[activity.checkin_token]))


def test_register_then_check_in_on_a_phone_with_the_code(people, tree, page, browser, site, sign_in):
    activity = _activity(people, tree, capacity=5)
    sign_in(page, people.worker)
    page.goto(reverse("activities:registrations", args=[activity.pk]))
    page.fill("input[name=name]", "古丽")
    page.fill("input[name=phone]", "12345")
    submit(page)
    assert page.locator(".field.has-error input[name=phone]").count() == 1
    page.fill("input[name=phone]", "13911112222")
    submit(page)
    message = page.inner_text(".messages")
    code = re.search(r"(\d{4}) (\d{4})", message)
    assert code, message
    assert "139****2222" in page.inner_text("main") and "13911112222" not in page.inner_text("main")
    # The QR page shows the public address; on the participant's phone it is opened without an account.
    page.goto(reverse("activities:qr", args=[activity.pk]))
    assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 0
    path = reverse("activities:checkin", args=[activity.checkin_token])
    assert path in page.inner_text("main")

    phone = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site, is_mobile=True, has_touch=True)
    try:
        tab = phone.new_page()
        errors = []
        # The refused second check-in answers 422 on purpose; anything else (a CSP refusal) is a fault.
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" and "422" not in m.text else None)
        tab.goto(path)
        assert tab.get_attribute("input[name=code]", "inputmode") == "numeric"
        tab.fill("input[name=code]", code.group(0))
        submit(tab)
        assert "签到成功" in tab.inner_text("main")
        tab.goto(path)
        tab.fill("input[name=code]", code.group(0))
        submit(tab)
        assert tab.locator(".errorlist").count() >= 1 and "不能重复签到" in tab.inner_text("main")
        assert tab.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
        assert not errors, errors
    finally:
        phone.close()
    assert Registration.objects.get(name="古丽").status == RegistrationStatus.CHECKED_IN


def test_the_month_lists_only_busy_days_on_a_phone(people, tree, page, sign_in):
    activity = _activity(people, tree, starts_in=timedelta(days=2))
    sign_in(page, people.worker)
    month = timezone.localtime(activity.starts_at).strftime("%Y-%m")
    page.goto(reverse("activities:calendar") + f"?month={month}")
    assert page.locator(".month .weekday").first.is_visible()
    assert page.locator(".month .day").count() >= 28
    page.set_viewport_size(PHONE)
    page.reload()
    assert not page.locator(".month .weekday").first.is_visible()
    visible = [d for d in page.locator(".month .day").all() if d.is_visible()]
    assert len(visible) == 1 and "石榴籽" in visible[0].inner_text()


def test_a_photo_uploads_and_its_thumbnail_shows(people, tree, page, sign_in, tmp_path):
    activity = _activity(people, tree)
    picture = tmp_path / "合影.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (180, 40, 40)).save(buffer, "JPEG")
    picture.write_bytes(buffer.getvalue())
    sign_in(page, people.worker)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(reverse("activities:detail", args=[activity.pk]))
    page.set_input_files("input[name=photo]", str(picture))
    page.fill("input[name=caption]", "合影")
    submit(page, "form[enctype] button[type=submit]")
    image = page.locator(".photo-grid img").first
    image.wait_for()
    # visible is not loaded: wait until the browser has fetched and decoded the thumbnail
    page.wait_for_function("() => { const i = document.querySelector('.photo-grid img'); return i && i.complete; }")
    assert page.evaluate("document.querySelector('.photo-grid img').naturalWidth") == 320
    assert ActivityPhoto.objects.get().thumbnail
    assert not errors, errors
