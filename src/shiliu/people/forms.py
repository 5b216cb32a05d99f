"""Forms parse what the page sends; every rule about residents lives in people.services.

Required fields, lengths, ID numbers, phones and consent are checked by the service,
so a page and the API give the same message for the same mistake. The forms only
turn text into types and offer the choices this user may pick.
"""

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for
from shiliu.people.choices import CONSENT_NOTICES, CURRENT_NOTICE, ETHNICITIES, Basis, ConsentCategory, Gender
from shiliu.people.choices import Language as SpokenLanguage
from shiliu.people.services import REVEALABLE

INPUT_CAP = 200  # input size cap; the service decides what is valid


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * obj.depth + obj.display_name(get_language())


def consent_notice_text() -> str:
    notice = CONSENT_NOTICES[CURRENT_NOTICE[ConsentCategory.ETHNICITY]]
    return notice["en"] if (get_language() or "").startswith("en") else notice["zh"]


def ethnicity_choices() -> list[tuple[str, Any]]:
    english = (get_language() or "").startswith("en")
    return [("", _("Not given"))] + [(code, en if english else zh) for code, zh, en in ETHNICITIES]


class ResidentForm(forms.Form):
    """Record or edit a resident. Fields the role may not see are left out entirely (D3).

    On edit the phone and ID number are never sent back to the browser in full (B1):
    they start empty, an empty field keeps the stored value, and a checkbox removes it.
    """

    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=INPUT_CAP, strip=True)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    clear_phone = forms.BooleanField(label=_("Remove the phone number"), required=False)
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=40,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    clear_id_number = forms.BooleanField(label=_("Remove the ID number"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=Gender.choices)
    birth_date = forms.DateField(label=_("Birth date"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 error_messages={"invalid": _("Enter a real date, like 1990-05-17.")})
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False, choices=SpokenLanguage.choices,
                                          widget=forms.CheckboxSelectMultiple)
    place = PlaceChoiceField(label=_("Place"), queryset=None, required=False, empty_label=_("Choose a place"))
    basis = forms.ChoiceField(label=_("Why recorded"), required=False, choices=Basis.choices,
                              widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(label=_("Ethnicity (optional)"), required=False)
    consent_given_by = forms.CharField(
        label=_("Consent given by"), required=False, max_length=60,
        help_text=_("The resident, or the name of the guardian who gave consent."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, resident=None, view=None, may_see_id: bool, may_see_sensitive: bool,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        cap = Cap.RESIDENT_CREATE if resident is None else Cap.RESIDENT_EDIT
        place_field = self.fields["place"]
        assert isinstance(place_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        place_field.queryset = places_for(user, cap)
        if resident is None:
            only = list(place_field.queryset[:2])
            if len(only) == 1:  # a community worker records at their community: nothing to choose
                self.initial.setdefault("place", only[0].pk)
            del self.fields["clear_phone"], self.fields["clear_id_number"], self.fields["version"]
        else:
            self.fields["version"].required = True
            if view and view.get("phone_masked"):
                self.fields["phone"].help_text = _("Now %(masked)s. Leave empty to keep it.") % {
                    "masked": view["phone_masked"]}
            else:
                del self.fields["clear_phone"]
            if view and view.get("id_number_masked"):
                self.fields["id_number"].help_text = _("Now %(masked)s. Leave empty to keep it.") % {
                    "masked": view["id_number_masked"]}
            elif "clear_id_number" in self.fields:
                del self.fields["clear_id_number"]
        if not may_see_id:
            self.fields.pop("id_number")
            self.fields.pop("clear_id_number", None)
        if may_see_sensitive:
            ethnicity = self.fields["ethnicity"]
            assert isinstance(ethnicity, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
            ethnicity.choices = ethnicity_choices()
            # The notice is our own constant; escape it anyway, help text is rendered as HTML.
            self.fields["ethnicity"].help_text = escape(consent_notice_text())
        else:
            del self.fields["ethnicity"], self.fields["consent_given_by"]

    def service_arguments(self) -> dict:
        """The cleaned data as keyword arguments for resident_create / resident_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for field in ("phone", "id_number"):
            clear = data.pop(f"clear_{field}", False)
            if field not in data:
                continue
            if self.resident is not None and not clear and not data[field]:
                del data[field]  # empty on edit: keep what is stored
            elif clear:
                data[field] = ""
        if "consent_given_by" in data and "ethnicity" not in data:
            del data["consent_given_by"]
        return data


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[(f, f) for f in REVEALABLE], widget=forms.HiddenInput)
    # Checked by resident_reveal, so the page and the API give the same message.
    reason = forms.CharField(label=_("Why do you need the full value?"), required=False, max_length=300,
                             help_text=_("For example: callback, verifying identity for a service."))

    # Common reasons offered as suggestions; any other reason may be typed.
    SUGGESTED_REASONS = (_("Callback to the resident"), _("Verifying identity for a service"),
                         _("Contacting the resident about their request"), _("Referral with the resident's consent"))

    def __init__(self, *args, field_name: str = "", **kwargs):
        # Two of these forms share the resident page: give each its own element ids.
        if field_name:
            kwargs.setdefault("auto_id", f"reveal_{field_name}_%s")
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["list"] = f"reveal-reasons-{field_name or 'value'}"
        self.datalist_id = self.fields["reason"].widget.attrs["list"]
