"""Forms of the windows pages: they parse and offer choices; the services hold every rule."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.creation.forms import BAD_DATE, DATE, ScopedForm, place_field, with_any
from shiliu.guide.models import ServiceItem
from shiliu.windows.models import Weekday, WindowKind

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BAD_TIME = {"invalid": _("Enter a time like 09:00.")}
SPANS_PER_DAY = 2


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.current.label(get_language()) if obj.current else ''}"


class FilterForm(ScopedForm):
    place_cap = Cap.WINDOW_VIEW
    preselect_only_place = False
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=pgettext_lazy("window", "Kind"), required=False,
                             choices=with_any(WindowKind.choices))


class WindowForm(ScopedForm):
    place_cap = Cap.WINDOW_EDIT
    kind = forms.ChoiceField(label=pgettext_lazy("window", "Kind"), required=False, choices=WindowKind.choices)
    name = forms.CharField(label=pgettext_lazy("window", "Name"), required=False, max_length=200)
    place = place_field()
    address = forms.CharField(label=_("Address"), required=False, max_length=400)
    phone = forms.CharField(label=_("Office phone"), required=False, max_length=80,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    public = forms.BooleanField(label=_("Shown to the public"), required=False, initial=True)
    active = forms.BooleanField(label=_("In service"), required=False, initial=True)
    open_on_rest_days = forms.BooleanField(
        label=_("Open on rest days and public holidays"), required=False,
        help_text=_("Leave it off and the window is closed on every day the working-day calendar does not count."))
    items = ItemChoiceField(label=_("Service items offered"), required=False, queryset=ServiceItem.objects.none(),
                            widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["items"].queryset = (ServiceItem.objects.filter(current__isnull=False, active=True)
                                         .select_related("current").order_by("code"))


class HoursForm(forms.Form):
    """Two spans for each weekday: morning and afternoon, say."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in Weekday.choices:
            for n in range(SPANS_PER_DAY):
                self.fields[f"d{day}_{n}_opens"] = forms.TimeField(
                    label=f"{label} {n + 1} · " + str(_("opens")), required=False, widget=TIME,
                    error_messages=BAD_TIME)
                self.fields[f"d{day}_{n}_closes"] = forms.TimeField(
                    label=f"{label} {n + 1} · " + str(_("closes")), required=False, widget=TIME,
                    error_messages=BAD_TIME)

    def rows(self):
        for day, label in Weekday.choices:
            yield label, [(self[f"d{day}_{n}_opens"], self[f"d{day}_{n}_closes"]) for n in range(SPANS_PER_DAY)]

    def spans(self) -> list:
        out = []
        for day, _label in Weekday.choices:
            for n in range(SPANS_PER_DAY):
                opens = self.cleaned_data.get(f"d{day}_{n}_opens")
                closes = self.cleaned_data.get(f"d{day}_{n}_closes")
                if opens or closes:
                    out.append((day, opens, closes))
        return out


class ClosureForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE, error_messages=BAD_DATE)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE, error_messages=BAD_DATE)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=400)


class DutyForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=DATE, error_messages=BAD_DATE)
    user: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Staff member"), required=False, queryset=None,
                                  empty_label=_("Choose a staff member"))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff


class ItemSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a service item"), required=False, max_length=100,
                        help_text=_("Chinese words, like 入学 or 社保."))
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    event = forms.ChoiceField(label=_("Life event"), required=False)

    def __init__(self, *args, domains, events, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["domain"].choices = with_any([(d.code, d.label(language)) for d in domains])
        self.fields["event"].choices = with_any([(e.code, e.label(language)) for e in events])


class IntakeForm(forms.Form):
    """The visitor and the items; each item's materials are read from ``brought_<item id>``."""

    items = forms.CharField(widget=forms.HiddenInput, required=False)
    resident_query = forms.CharField(label=_("Find a resident on record (name or phone)"), required=False,
                                     max_length=60, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    resident = forms.ChoiceField(label=_("Resident on record"), required=False, widget=forms.RadioSelect)
    visitor_name = forms.CharField(label=_("Visitor's name"), required=False, max_length=120,
                                   widget=forms.TextInput(attrs={"autocomplete": "off"}))
    visitor_phone = forms.CharField(label=_("Visitor's phone"), required=False, max_length=40,
                                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    contact_consent = forms.BooleanField(
        label=_("The visitor agrees that we record their name and number and contact them about this request"),
        required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, residents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [("", _("Not on record"))] + list(residents)
