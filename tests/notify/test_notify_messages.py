"""Messages are registered by code and rendered in the reader's language."""

import pytest

from shiliu.notify.messages import is_registered, register, render


def test_welcome_renders_in_chinese_and_in_english():
    zh_subject, zh_body = render("notify.welcome", {"name": "小李"}, "zh-hans")
    en_subject, en_body = render("notify.welcome", {"name": "Li"}, "en")
    assert en_subject == "Welcome to Shiliu, Li"
    assert "bell" in en_body
    assert zh_subject == "欢迎使用石榴，小李"
    assert "铃铛" in zh_body


def test_a_parameter_may_differ_by_language():
    params = {"name": {"zh-hans": "谢墅社区", "en": "Xieshu Community"}}
    assert render("notify.welcome", params, "en")[0] == "Welcome to Shiliu, Xieshu Community"
    assert render("notify.welcome", params, "zh-hans")[0].endswith("谢墅社区")
    # a language the dict lacks falls back to Chinese
    assert render("notify.welcome", {"name": {"zh-hans": "谢墅"}}, "en")[0] == "Welcome to Shiliu, 谢墅"


def test_unknown_code_and_missing_parameter_are_errors():
    with pytest.raises(LookupError):
        render("nobody.registered_this", {}, "en")
    with pytest.raises(KeyError):
        render("notify.welcome", {}, "en")


def test_codes_are_app_dot_event():
    with pytest.raises(ValueError):
        register("NoDot", subject="x", body="y")
    register("tests.plain_text", subject="Hello", body="No placeholders")
    assert is_registered("tests.plain_text")
    assert render("tests.plain_text", {}, "en") == ("Hello", "No placeholders")


def test_every_apps_notifications_module_is_loaded_at_start_up():
    """notify.welcome lives in shiliu/notify/notifications.py, which nothing else imports."""
    assert is_registered("notify.welcome")
