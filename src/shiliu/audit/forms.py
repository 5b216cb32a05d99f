"""The audit trail's filters: one form, used by the page and by the API (one rule)."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.audit.models import AuditKind


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("Who (username)"), max_length=150, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *AuditKind.choices], required=False)
    action = forms.CharField(label=_("Action"), max_length=60, required=False,
                             help_text=_("The start is enough, e.g. resident."))
    target_type = forms.CharField(label=_("Record type"), max_length=60, required=False,
                                  help_text=_("e.g. people.resident"))
    target_id = forms.CharField(label=_("Record id"), max_length=40, required=False)
    subject = forms.IntegerField(label=_("Resident (id)"), min_value=1, required=False,
                                 help_text=_("Who looked at this resident's data."))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> dict:
        """The cleaned filters that were given, with dates as aware datetimes in local time."""
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        zone = timezone.get_current_timezone()
        if "date_from" in data:
            data["at_from"] = datetime.combine(data.pop("date_from"), time.min, tzinfo=zone)
        if "date_to" in data:
            data["at_before"] = datetime.combine(data.pop("date_to") + timedelta(days=1), time.min, tzinfo=zone)
        return data


def describe(filters: dict) -> dict:
    """The filters as plain strings, for the audit record of the read itself."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else str(v) for k, v in filters.items()}
