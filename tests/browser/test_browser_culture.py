"""Cultural work in a real browser: the culture pages fit a phone and a desktop in both languages;
an officer books a group, sees a too-large group refused next to its field, and confirms the visit
with a guide; a visiting group books online on a phone without an account."""

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse
from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.culture.models import ArtTroupe, Museum, VisitBooking
from shiliu.culture.selectors import slots_of

pytestmark = pytest.mark.browser


def test_the_culture_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)
    museum = Museum.objects.get()
    troupe = ArtTroupe.objects.get(name="谢墅社区石榴籽艺术团")
    booking = VisitBooking.objects.filter(status="confirmed").first()
    page.goto(reverse("culture:public_booking", args=[museum.pk]))  # signed out
    check_layout(page, "culture-public-booking")
    sign_in(page, people.officer)
    check_layout(page, "culture-home", reverse("culture:home"))
    check_layout(page, "culture-troupes", reverse("culture:troupes"))
    check_layout(page, "culture-troupe", reverse("culture:troupe", args=[troupe.pk]))
    check_layout(page, "culture-performances", reverse("culture:performances"))
    check_layout(page, "culture-positions", reverse("culture:positions"))
    check_layout(page, "culture-museum", reverse("culture:museum", args=[museum.pk]))
    check_layout(page, "culture-bookings", reverse("culture:bookings"))
    check_layout(page, "culture-booking", reverse("culture:booking", args=[booking.pk]))
    check_layout(page, "culture-slot-form", reverse("culture:slot_new", args=[museum.pk]))


def test_officer_books_a_group_and_confirms_it_with_a_guide(people, page, sign_in):
    load_demo(residents=0)
    museum = Museum.objects.get()
    slot = next(s for s in slots_of(museum) if s.held == 0)
    sign_in(page, people.officer)
    page.goto(reverse("culture:museum", args=[museum.pk]))
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('culture:booking_new', args=[slot.pk])}']")
    page.fill("input[name=group_name]", "岷山社区青少年")
    page.fill("input[name=group_size]", str(slot.capacity + 1))
    page.fill("input[name=contact_name]", "钱老师")
    page.fill("input[name=contact_phone]", "13900002222")
    submit(page)
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=group_size]").count() == 1
    assert not VisitBooking.objects.filter(slot=slot).exists()

    page.fill("input[name=group_size]", "12")
    submit(page)
    booking = VisitBooking.objects.get(slot=slot)
    assert page.url.endswith(reverse("culture:booking", args=[booking.pk]))
    assert "139****2222" in page.inner_text("main") and "13900002222" not in page.content()
    page.select_option("select[name=guide]", str(people.officer.pk))
    with page.expect_navigation():
        page.click("form[action$='/confirm/'] button[type=submit]")
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.guide is not None


def test_a_group_books_online_on_a_phone(page, site, transactional_db):
    load_demo(residents=0)
    museum = Museum.objects.get()
    page.set_viewport_size(PHONE)
    page.goto(reverse("culture:public_booking", args=[museum.pk]))
    page.locator("input[name=slot]").first.check()
    page.fill("input[name=group_name]", "大碶示范小学五（1）班")
    page.fill("input[name=group_size]", "20")
    page.fill("input[name=contact_name]", "孙老师")
    page.fill("input[name=contact_phone]", "13900003333")
    submit(page)
    booking = VisitBooking.objects.get(group_name="大碶示范小学五（1）班")
    assert booking.status == "requested" and booking.source == "public"
    assert booking.reference in page.inner_text("main")
    assert booking.slot.starts_at > timezone.now()
