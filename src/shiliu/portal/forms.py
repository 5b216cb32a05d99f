"""The portal's forms. Each public form carries a honeypot: a field people never see
(``website``); a bot that fills it is refused and nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.workorders.forms import MultipleFileField

HONEYPOT = "website"


class HoneypotForm(forms.Form):
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def visible_fields(self):  # the template renders the honeypot apart, hidden from people
        return [f for f in super().visible_fields() if f.name != HONEYPOT]

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def is_bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())


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
