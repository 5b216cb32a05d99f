"""The place tree in a real browser."""

import pytest
from django.urls import reverse

from shiliu.core.demo import SUBDISTRICTS, load_demo

pytestmark = pytest.mark.browser


def test_admin_sees_beiluns_ten_subdistricts_in_the_place_tree(people, page, sign_in):
    load_demo(residents=0)  # Beilun's real subdistricts, communities and villages
    sign_in(page, people.admin)
    with page.expect_navigation():
        page.click(f"nav.menu a[href='{reverse('places:tree')}']")
    tree = page.locator("main ul.tree")
    names = tree.locator("a").all_inner_texts()
    for _code, name, _en, communities, _villages in SUBDISTRICTS:
        assert name in names
        assert communities[0] in names
    assert "北仑区" in names


def test_worker_sees_only_their_own_community_in_the_tree(people, tree, page, sign_in):
    sign_in(page, people.worker)
    page.goto(reverse("places:tree"))
    names = page.locator("main ul.tree a").all_inner_texts()
    assert "谢墅社区" in names
    assert not {"北仑区", "大碶街道", "九峰社区", "新碶街道", "大港社区"} & set(names)
