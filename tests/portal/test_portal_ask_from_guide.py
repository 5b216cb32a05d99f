"""A guide item's public page leads a resident to ask online about that item, preselected."""

import sys
from pathlib import Path

import pytest
from portal_helpers import categories, verify

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "guide"))
from guide_helpers import Guide  # noqa: E402

from shiliu.guide import services as guide_services  # noqa: E402

pytestmark = pytest.mark.django_db


def test_the_item_page_links_to_asking_online_with_the_item_chosen(client, tree, people):
    categories()
    guide = Guide(tree, people)
    page = client.get(f"/guide/public/items/{guide.item.code}/").content.decode()
    assert f'href="/portal/ask/?service=i{guide.item.pk}"' in page
    verify(client)
    ask = client.get(f"/portal/ask/?service=i{guide.item.pk}").content.decode()
    assert f'<option value="i{guide.item.pk}" selected>' in ask


def test_a_service_that_is_not_a_choice_preselects_nothing(client, tree, people):
    categories()
    Guide(tree, people)
    verify(client)
    ask = client.get("/portal/ask/?service=i999999").content.decode()
    assert "selected>" in ask  # the empty choice stays the default
    assert 'value="i999999"' not in ask


def test_an_item_not_offered_online_has_no_ask_link(client, tree, people):
    categories()
    guide = Guide(tree, people)
    guide_services.item_publish(by=people.admin, item=guide.item, version=guide.item.version,
                                content=guide.content(channels=["window"]), note="只在窗口办理")
    page = client.get(f"/guide/public/items/{guide.item.code}/").content.decode()
    assert "/portal/ask/?service=" not in page
