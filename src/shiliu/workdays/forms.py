"""Forms of the calendar pages. They parse input; the rules live in workdays.services."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shiliu.workdays.choices import MAX_YEAR, MIN_YEAR, NAME_MAX


def _year_message() -> str:
    return gettext("Choose a year from %(first)s to %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}


YEAR_MESSAGE = lazy(_year_message, str)()
YEAR_ERRORS = {"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE, "invalid": YEAR_MESSAGE}
WORK, REST = "work", "rest"


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=YEAR_ERRORS)


class DayForm(forms.Form):
    kind = forms.ChoiceField(label=_("This day is"), widget=forms.RadioSelect,
                             choices=[(WORK, _("a working day")), (REST, _("a day of rest"))])
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX, required=False,
                           help_text=_("For example 国庆节 or 调休上班."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ConfirmForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=MIN_YEAR, max_value=MAX_YEAR,
                              error_messages=YEAR_ERRORS)
    note = forms.CharField(label=_("Note"), max_length=200, required=False,
                           help_text=_("For example the number of the State Council's notice."))
    copy_package = forms.BooleanField(
        label=_("Copy the State Council's holidays and adjusted working days into district entries, "
                "so that they can be edited"), required=False)


class ImportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=YEAR_ERRORS)
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    confirm = forms.BooleanField(label=_("Mark the year as entered once the file is imported"), required=False,
                                 initial=True)
