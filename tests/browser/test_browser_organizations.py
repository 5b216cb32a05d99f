"""The 1+10+N network in a real browser: the lists, an organization, the groups and the place page
fit a phone and a desktop in both languages; a worker adds a member, sees a bad phone refused next to
its field, and drills down from a figure on the place page to the records it counts."""

import pytest
from browser_helpers import submit
from django.urls import reverse

from shiliu.core import demo as core_demo
from shiliu.organizations import demo as org_demo
from shiliu.organizations.models import Membership, Organization

pytestmark = pytest.mark.browser


def load_demo(residents: int = 0) -> None:
    """The demo places and accounts with this app's demo network only (other apps' demos are theirs to test)."""
    original = core_demo._app_demos
    core_demo._app_demos = lambda: [org_demo]
    try:
        core_demo.load_demo(residents=residents)
    finally:
        core_demo._app_demos = original


def test_the_network_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)  # the demo network, on Beilun's real places
    sign_in(page, people.admin)
    org = Organization.objects.get(name="谢墅社区民族团结进步促进小组")
    daqi = org.place.parent
    check_layout(page, "organizations-list", reverse("organizations:list"))
    check_layout(page, "organizations-detail", reverse("organizations:detail", args=[org.pk]))
    check_layout(page, "organizations-groups", reverse("organizations:groups"))
    check_layout(page, "organizations-place", reverse("organizations:place", args=[daqi.pk]))
    check_layout(page, "organizations-member-form", reverse("organizations:member_add", args=[org.pk]))


def test_worker_adds_a_member_bad_phone_first(people, page, sign_in):
    load_demo(residents=0)
    org = Organization.objects.get(name="谢墅社区民族团结进步促进小组")
    before = Membership.objects.filter(organization=org).count()
    sign_in(page, people.worker)
    page.goto(reverse("organizations:detail", args=[org.pk]))
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('organizations:member_add', args=[org.pk])}']")
    page.fill("input[name=name]", "古丽米拉")
    page.fill("input[name=phone]", "12345")
    page.select_option("select[name=role]", "volunteer")
    submit(page)
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=phone]").count() == 1
    assert page.input_value("input[name=name]") == "古丽米拉"
    assert Membership.objects.filter(organization=org).count() == before

    page.fill("input[name=phone]", "13911112222")
    submit(page)
    assert page.url.endswith(reverse("organizations:detail", args=[org.pk]))
    main = page.inner_text("main")
    assert "古丽米拉" in main and "139****2222" in main and "13911112222" not in main


def test_a_figure_on_the_place_page_opens_the_records_it_counts(people, page, sign_in):
    load_demo(residents=0)
    sign_in(page, people.officer)
    daqi = Organization.objects.get(name="大碶街道民族团结进步促进分会").place
    page.goto(reverse("organizations:place", args=[daqi.pk]))
    figure = page.locator("li[data-key='organizations.contact_points'] a.figure")
    count = int(figure.inner_text())
    assert count >= 2  # the village and the primary school have contact points
    with page.expect_navigation():
        figure.click()
    assert page.locator("main table tbody tr").count() == count
    assert set(page.locator("main table tbody tr td:nth-child(2)").all_inner_texts()) == {"联系点"}


def test_outsider_typing_a_private_organizations_address_gets_the_404_page(people, page, sign_in):
    load_demo(residents=0)
    private = Organization.objects.get(public=False)  # the army unit's contact point, at the district
    sign_in(page, people.other_worker)
    response = page.goto(reverse("organizations:detail", args=[private.pk]))
    assert response is not None and response.status == 404
