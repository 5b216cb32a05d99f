"""Creation work in a real browser: the sites, an item with its evidence, brands and honours fit a
phone and a desktop in both languages; an officer's executable is refused next to the file field, a
photo then proves the item and the progress moves; another area's site is read-only."""

import pytest
from browser_helpers import submit
from django.urls import reverse

from shiliu.core.demo import load_demo
from shiliu.creation.models import DemonstrationSite, Evidence
from shiliu.creation.selectors import with_progress

pytestmark = pytest.mark.browser

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200 + b"This program cannot be run"


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (180, 30, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_creation_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)
    site = DemonstrationSite.objects.get(name="谢墅社区民族团结进步示范点")
    sign_in(page, people.officer)
    check_layout(page, "creation-sites", reverse("creation:home"))
    check_layout(page, "creation-site", reverse("creation:site", args=[site.pk]))
    check_layout(page, "creation-item", reverse("creation:item", args=[site.pk, "themed_activity"]))
    check_layout(page, "creation-site-form", reverse("creation:site_new"))
    check_layout(page, "creation-brands", reverse("creation:brands"))
    check_layout(page, "creation-honours", reverse("creation:honours"))
    check_layout(page, "creation-honour-form", reverse("creation:honour_new"))


def test_officer_proves_an_item_with_a_photo_after_a_refused_executable(people, page, sign_in):
    load_demo(residents=0)
    site = with_progress(DemonstrationSite.objects.filter(name="谢墅社区民族团结进步示范点")).get()
    before = site.satisfied
    sign_in(page, people.officer)
    page.goto(reverse("creation:site", args=[site.pk]))
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('creation:item', args=[site.pk, 'knowledge_lecture'])}']")
    page.check("input[name=kind][value=document]")
    page.set_input_files("input[name=file]", {"name": "讲稿.pdf", "mimeType": "application/pdf",
                                              "buffer": EXECUTABLE})
    submit(page, "main form[enctype] button[type=submit]")
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=file]").count() == 1
    assert not Evidence.objects.filter(item__site=site, item__kind="knowledge_lecture").exists()

    page.check("input[name=kind][value=photo]")
    page.set_input_files("input[name=file]", {"name": "讲座.png", "mimeType": "image/png", "buffer": _png()})
    page.fill("textarea[name=note]", "讲座现场照片")
    submit(page, "main form[enctype] button[type=submit]")
    assert "讲座现场照片" in page.inner_text("main")
    page.goto(reverse("creation:site", args=[site.pk]))
    assert f"{before + 1}/6" in page.inner_text("main") or f"已完成 {before + 1} 项" in page.inner_text("main")


def test_another_areas_public_site_is_read_only(people, page, sign_in):
    load_demo(residents=0)
    site = DemonstrationSite.objects.get(name="大港社区民族团结进步示范社区")
    sign_in(page, people.officer)
    page.goto(reverse("creation:site", args=[site.pk]))
    assert page.locator(f"a[href='{reverse('creation:site_edit', args=[site.pk])}']").count() == 0
    assert page.locator("ul.checklist a").count() == 0
    assert page.locator("ul.checklist li").count() == 6
