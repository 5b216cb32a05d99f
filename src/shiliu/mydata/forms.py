"""Forms of the data pages: they parse; the services hold every rule."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.mydata.choices import RequestStatus


def new_form_key() -> str:
    return secrets.token_hex(16)


class CorrectionForm(forms.Form):
    section = forms.ChoiceField(label=_("Which data"), required=False)
    text = forms.CharField(label=_("What is wrong, and what should it say?"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All of it")), *[(s.app, s.title) for s in sections]]
        self.initial.setdefault("form_key", new_form_key())


class DeletionForm(forms.Form):
    text = forms.CharField(label=_("Anything we should know (optional)"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("form_key", new_form_key())


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("data request", "Outcome"), required=False, choices=[
        (RequestStatus.DONE, _("Done: the data was corrected")), (RequestStatus.REFUSED, _("Refused"))])
    answer = forms.CharField(label=_("Answer to the resident"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("What was changed, or why the request is refused (the law requires a "
                                         "reason)."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("data request", "Status"), required=False,
                               choices=[("", pgettext_lazy("data request", "Open")), *RequestStatus.choices])
