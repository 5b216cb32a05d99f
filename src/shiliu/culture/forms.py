"""Forms of the culture pages: they parse and offer choices; the services hold every rule."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.access.policy import Cap
from shiliu.creation.forms import BAD_DATE, BAD_NUMBER, DATE, ScopedForm, organization_field, place_field, with_any
from shiliu.culture.choices import BookingStatus, Genre, PositionKind, TroupeRole, TroupeStatus

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
BAD_DATETIME = {"invalid": _("Enter a real date and time, like 2026-05-17 09:30.")}
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})


class CultureForm(ScopedForm):
    place_cap = Cap.CULTURE_EDIT


class FilterForm(ScopedForm):
    place_cap = Cap.CULTURE_VIEW
    preselect_only_place = False
    place = place_field(_("Place (and below)"), empty=_("All places"))


class TroupeFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(TroupeStatus.choices))


class TroupeForm(CultureForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    place = place_field()
    organization = organization_field()
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DATE, error_messages=BAD_DATE)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=TroupeStatus.choices)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000, widget=forms.Textarea)
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=120)
    role = forms.ChoiceField(label=pgettext_lazy("troupe member", "Role"), required=False, choices=TroupeRole.choices,
                             initial=TroupeRole.PERFORMER)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=40,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))


class RepertoireForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    genre = forms.ChoiceField(label=_("Genre"), required=False, choices=Genre.choices)
    style = forms.CharField(label=_("Style of the piece"), required=False, max_length=200,
                            help_text=_("About the art, for example: Uyghur dance, Yue opera, folk song of Qinghai."))


class PerformanceForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=DATE, error_messages=BAD_DATE)
    title = forms.CharField(label=_("What was performed"), required=False, max_length=240)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=240)
    audience = forms.IntegerField(label=_("Audience (people)"), required=False, widget=NUMBER,
                                  error_messages=BAD_NUMBER)
    activity = forms.TypedChoiceField(label=_("Activity (optional)"), required=False, coerce=int, empty_value=None,
                                      help_text=_("When the performance was part of an activity of your places."))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = activities


class PerformanceFilterForm(FilterForm):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE, error_messages=BAD_DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE, error_messages=BAD_DATE)


class PositionFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=with_any(PositionKind.choices))
    active = forms.TypedChoiceField(label=_("In use"), required=False, empty_value=None,
                                    coerce=lambda v: v == "yes",
                                    choices=with_any([("yes", _("In use")), ("no", _("No longer in use"))]))
    until = forms.DateField(label=_("In use since on or before"), required=False, widget=DATE,
                            error_messages=BAD_DATE)


class PositionForm(CultureForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=PositionKind.choices)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    place = place_field()
    address = forms.CharField(label=_("Address or web address"), required=False, max_length=400)
    since = forms.DateField(label=_("Since"), required=False, widget=DATE, error_messages=BAD_DATE)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000, widget=forms.Textarea)
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GuideChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class GuidesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class MuseumForm(CultureForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    place = place_field()
    address = forms.CharField(label=_("Address"), required=False, max_length=400)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000, widget=forms.Textarea)
    guides = GuidesField(label=_("Guides"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    online_booking = forms.BooleanField(label=_("Groups may book online"), required=False)
    active = forms.BooleanField(label=_("Open to visitors"), required=False, initial=True)
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, guides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guides"].queryset = guides


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), required=False, widget=DATETIME,
                                    error_messages=BAD_DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=DATETIME, error_messages=BAD_DATETIME)
    capacity = forms.IntegerField(label=_("Capacity (people)"), required=False, widget=NUMBER,
                                  error_messages=BAD_NUMBER)
    note = forms.CharField(label=_("Note"), required=False, max_length=400)


class BookingForm(forms.Form):
    group_name = forms.CharField(label=_("Visiting group"), required=False, max_length=200,
                                 help_text=_("For example: Class 3 of Daqi Primary School."))
    group_size = forms.IntegerField(label=_("People in the group"), required=False, widget=NUMBER,
                                    error_messages=BAD_NUMBER)
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=120)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=40,
                                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))


class PublicBookingForm(BookingForm):
    slot = forms.TypedChoiceField(label=_("Time"), required=False, coerce=int, empty_value=None,
                                  widget=forms.RadioSelect)
    field_order = ["slot", "group_name", "group_size", "contact_name", "contact_phone", "notes"]

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = slots


class BookingFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(BookingStatus.choices))
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE, error_messages=BAD_DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE, error_messages=BAD_DATE)


class ConfirmForm(forms.Form):
    guide = GuideChoiceField(label=_("Guide"), queryset=None, required=False, empty_label=_("Choose a guide"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, guides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = guides


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=600)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VisitForm(forms.Form):
    visited_count = forms.IntegerField(label=_("People who came"), required=False, widget=NUMBER,
                                       error_messages=BAD_NUMBER)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
