"""The portal's forms. Each public form carries a honeypot: a field people never see
(``website``); a bot that fills it is refused and nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.core.forms import HoneypotForm
from shiliu.workorders.forms import MultipleFileField


class PhoneForm(HoneypotForm):
    phone = forms.CharField(label=_("Mobile phone number"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))


class CodeForm(HoneypotForm):
    code = forms.CharField(label=_("The 6-digit code from the SMS"), max_length=12, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class AskForm(HoneypotForm):
    service = forms.ChoiceField(label=_("What is it about?"), required=False)
    description = forms.CharField(label=_("Describe the problem in your own words"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    place = forms.ChoiceField(label=_("Where? (your subdistrict or community)"), required=False)
    attachments = MultipleFileField(label=pgettext_lazy("portal", "Files (optional)"), required=False,
                                    help_text=_("PDF, photos, Word, Excel or plain text."))
    consent = forms.BooleanField(label=_("I have read the text above and agree to it."), required=False)
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, services=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Not sure — I describe it below")), *services]  # type: ignore[attr-defined]
        self.fields["place"].choices = [("", _("Choose…")), *places]  # type: ignore[attr-defined]


class SignUpForm(HoneypotForm):
    name = forms.CharField(label=_("Your name"), max_length=60, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))


def _money(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
                              error_messages={"invalid": _("Enter a whole number of yuan, like 5000."),
                                              "min_value": _("Enter a whole number of yuan, like 5000.")})


class SeekerProfileForm(forms.Form):
    """A resident's own job-seeker profile. Never ethnicity or religion (SECURITY.md A2)."""

    name = forms.CharField(label=_("Your name"), max_length=60, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    place = forms.ChoiceField(label=_("Where you live"), required=False)
    languages = forms.MultipleChoiceField(label=_("Languages you speak"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    skills = forms.MultipleChoiceField(label=_("Your skills"), required=False, widget=forms.CheckboxSelectMultiple)
    skills_other = forms.CharField(label=_("Other skills (optional)"), required=False, max_length=200)
    wished_place = forms.ChoiceField(label=_("Where you would like to work"), required=False)
    wished_pay_min = _money(_("Lowest pay you would accept (yuan a month)"))
    wished_pay_max = _money(_("Highest pay you hope for (yuan a month, optional)"))
    availability = forms.ChoiceField(label=_("When you can start"), required=False)
    consent = forms.BooleanField(
        label=_("I agree to be matched with jobs and contacted about them by the job service staff."),
        required=False, help_text=_("Without this we keep your profile but do not match or contact you."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, places=(), wished=(), **kwargs):
        from shiliu.jobs.choices import Availability, Language, Skill

        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Choose…")), *places]  # type: ignore[attr-defined]
        self.fields["wished_place"].choices = [("", _("Anywhere in the district")), *wished]  # type: ignore[attr-defined]
        self.fields["languages"].choices = Language.choices  # type: ignore[attr-defined]
        self.fields["skills"].choices = Skill.choices  # type: ignore[attr-defined]
        self.fields["availability"].choices = Availability.choices  # type: ignore[attr-defined]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "place": data["place"] or None, "languages": data["languages"],
                "skills": data["skills"], "skills_other": data["skills_other"],
                "wished_place": data["wished_place"] or None, "wished_pay_min": data["wished_pay_min"],
                "wished_pay_max": data["wished_pay_max"], "availability": data["availability"] or "now",
                "consent": data["consent"]}
