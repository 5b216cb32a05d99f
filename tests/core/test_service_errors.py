"""One helper shows a service's refusal on any page form (core.forms.add_service_errors)."""

from django import forms
from django.core.exceptions import ValidationError

from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()
    parent = forms.CharField(required=False)


def _form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_field_errors_sit_next_to_their_field_and_unknown_ones_on_top():
    form = _form()
    add_service_errors(form, ValidationError({"name": ["bad name"], "elsewhere": ["bad thing"]}))
    assert form.errors["name"] == ["bad name"]
    assert form.non_field_errors() == ["bad thing"]


def test_a_field_map_moves_an_error_to_the_forms_own_field():
    form = _form()
    add_service_errors(form, ValidationError({"kind": ["not under this parent"]}), field_map={"kind": "parent"})
    assert form.errors["parent"] == ["not under this parent"]


def test_a_plain_error_and_a_stale_version_go_on_top():
    form = _form()
    add_service_errors(form, ValidationError("no"))
    add_service_errors(form, StaleVersion())
    assert form.non_field_errors() == ["no", str(StaleVersion.message)]
