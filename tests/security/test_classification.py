"""A1: every field of every Shiliu model is classified in shiliu.core.classification."""

from django.apps import apps

from shiliu.core import classification
from shiliu.core.classification import FIELDS, LEVELS, classification_gaps, model_fields


def shiliu_models():
    return [m for cfg in apps.get_app_configs() if cfg.name.startswith("shiliu.") for m in cfg.get_models()]


def test_every_field_of_every_shiliu_model_is_classified():
    missing, _stale = classification_gaps(shiliu_models())
    assert not missing, (
        "These fields are not classified (SECURITY.md A1):\n  " + "\n  ".join(missing) + "\n\n"
        "Add each one to FIELDS in src/shiliu/core/classification.py under its model's label, e.g.\n"
        '    "people.Resident": {..., "nickname": F(PERSONAL, "why Shiliu holds it", CASE)},\n'
        "choosing GENERAL / PERSONAL / SENSITIVE / MINOR / FINANCIAL (see the module docstring) "
        "and a retention constant (RECORD, CASE, CONSENT, STAFF, LOCKOUT, AUDIT, TOKEN, FOREVER)."
    )


def test_the_map_names_no_field_or_model_that_no_longer_exists():
    _missing, stale = classification_gaps(shiliu_models())
    assert not stale, (
        "src/shiliu/core/classification.py classifies fields that no longer exist; remove or rename: "
        + ", ".join(stale)
    )


def test_each_entry_has_a_level_a_purpose_and_a_retention():
    for label, entries in FIELDS.items():
        for name, rule in entries.items():
            assert rule.level in LEVELS, f"{label}.{name}"
            assert rule.purpose.strip() and rule.retention.strip(), f"{label}.{name}"


def test_the_walk_includes_inherited_user_fields_and_many_to_many():
    user = apps.get_model("accounts", "User")
    assert {"password", "email", "last_login", "groups", "user_permissions"} <= set(model_fields(user))


def test_the_gap_check_reports_a_new_field_and_a_vanished_one(monkeypatch):
    resident = apps.get_model("people", "Resident")
    trimmed = {**FIELDS, "people.Resident": {k: v for k, v in FIELDS["people.Resident"].items() if k != "name"}}
    trimmed["people.Resident"]["shoe_size"] = FIELDS["people.Resident"]["name"]
    monkeypatch.setattr(classification, "FIELDS", trimmed)
    missing, stale = classification_gaps([resident])
    assert missing == ["people.Resident.name"]
    assert [s for s in stale if s.startswith("people.Resident.")] == ["people.Resident.shoe_size"]


def test_protected_fields_are_classified_sensitive():
    assert FIELDS["people.Resident"]["ethnicity"].level == "sensitive"
    assert FIELDS["people.Resident"]["id_number"].level == "sensitive"
