"""What every page form shares: a service's refusal shown next to the fields it names."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shiliu.core.concurrency import StaleVersion


def add_service_errors(form: forms.Form, exc: ValidationError | StaleVersion, *,
                       field_map: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError next to each field it names (others on top of the
    form), or a stale-version refusal on top (SECURITY.md H2). ``field_map`` renames a
    service's field to the form's, where the two differ."""
    if isinstance(exc, StaleVersion):
        form.add_error(None, StaleVersion.message)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    field_map = field_map or {}
    for name, messages in exc.message_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, messages)


HONEYPOT = "website"


class HoneypotForm(forms.Form):
    """A public form (no account) with a honeypot: a field people never see (``website``); a bot
    that fills it is refused and nothing is saved. Templates render ``form.honeypot`` apart."""

    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def visible_fields(self):  # the template renders the honeypot apart, hidden from people
        return [f for f in super().visible_fields() if f.name != HONEYPOT]

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def is_bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())
