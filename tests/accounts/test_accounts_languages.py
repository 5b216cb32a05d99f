"""Staff languages are codes of people.choices.Language: shown as names, and the free text
recorded before is turned into codes where it names a language (migration 0003)."""

import importlib

from shiliu.accounts.models import User
from shiliu.accounts.services import user_update_languages

migration = importlib.import_module("shiliu.accounts.migrations.0003_languages_as_codes")


def test_free_text_becomes_codes_where_it_names_a_language():
    assert migration.as_codes(["维吾尔语", "普通话"]) == ["zh", "ug"]
    assert migration.as_codes([" Uyghur ", "TIBETAN", "维语", "藏语"]) == ["ug", "bo"]
    assert migration.as_codes(["会一点日语", "", "ug", "English"]) == ["ug", "en"]
    assert migration.as_codes("普通话") == []  # not a list: nothing to keep


def test_the_migration_rewrites_stored_values(people):
    from django.apps import apps

    User.objects.filter(pk=people.worker.pk).update(languages=["普通话", "维吾尔语", "手语"])
    User.objects.filter(pk=people.operator.pk).update(languages=["zh", "ug"])
    migration.forward(apps, None)
    assert User.objects.get(pk=people.worker.pk).languages == ["zh", "ug"]
    assert User.objects.get(pk=people.operator.pk).languages == ["zh", "ug"]
    assert User.objects.get(pk=people.officer.pk).languages == []


def test_the_staff_page_names_the_languages(people, login, client):
    user_update_languages(user=people.worker, languages=["zh", "ug"], by=people.admin)
    login(people.admin)
    zh = client.get(f"/accounts/staff/{people.worker.pk}/").content.decode()
    assert "普通话, 维吾尔语" in zh
    en = client.get(f"/accounts/staff/{people.worker.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mandarin Chinese, Uyghur" in en


def test_the_new_account_form_offers_checkboxes(people, login, client):
    login(people.admin)
    page = client.get("/accounts/staff/new/").content.decode()
    assert 'type="checkbox" name="languages" value="ug"' in page
