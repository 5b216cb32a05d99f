from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_DAYS = 3 * 366
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads


class PeriodForm(forms.Form):
    place = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period is before its start."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("Choose a period of at most three years."))
        if start and start > timezone.localdate():
            self.add_error("start", _("Choose a period that has begun."))
        return data
