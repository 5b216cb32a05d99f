"""Every catalog is complete: Chinese is the default language, so a missing
translation shows English to a Chinese user."""

import re
from pathlib import Path

import polib
import pytest

import shiliu

CATALOGS = sorted(Path(shiliu.__file__).parent.rglob("locale/zh_Hans/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def test_there_are_catalogs():
    assert CATALOGS, "no zh_Hans catalog found"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(Path(shiliu.__file__).parent)))
def test_catalog_is_complete_and_keeps_placeholders(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{path}: translate {untranslated[:10]}"
    assert not fuzzy, f"{path}: review the fuzzy entries {fuzzy[:10]}"
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), (
            f"{path}: placeholders differ in {entry.msgid!r}"
        )


def test_chinese_is_the_default_and_english_switchable(client, db):
    zh = client.get("/accounts/login/")
    assert "退出登录" not in zh.content.decode()  # anonymous: no sign-out
    assert 'lang="zh-Hans"' in zh.content.decode()
    en = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in en.content.decode()
