"""Forms of the creation pages. They turn text into types and offer the choices the user may
pick; every rule (required fields, years, status changes, files) lives in the services."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for, scope_q
from shiliu.creation.choices import BrandStatus, EvidenceKind, Level, Recipient, SiteStatus
from shiliu.organizations.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BAD_DATE = {"invalid": _("Enter a real date, like 2024-05-17.")}
BAD_NUMBER = {"invalid": _("Enter a whole number.")}


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * obj.depth + obj.display_name(get_language())


PLACE = _("Place")
CHOOSE_PLACE = _("Choose a place")
ALL = _("All")


def place_field(label=PLACE, *, empty=CHOOSE_PLACE) -> PlaceChoiceField:
    return PlaceChoiceField(label=label, queryset=None, required=False, empty_label=empty)


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name(get_language())} · {obj.place.display_name(get_language())}"


def organization_field(help_text="") -> OrganizationChoiceField:
    return OrganizationChoiceField(label=_("Organization"), queryset=None, required=False,
                                   empty_label=_("Choose an organization"), help_text=help_text)


def with_any(choices, label=ALL) -> list:
    return [("", label), *choices]


class ScopedForm(forms.Form):
    """A form whose ``place`` field offers the places where the user holds ``cap``."""

    place_cap = Cap.CREATION_EDIT
    preselect_only_place = True  # a worker with one place has nothing to choose

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.fields.get("organization")
        if isinstance(organization, forms.ModelChoiceField):
            organization.queryset = (Organization.objects.filter(scope_q(user, self.place_cap, "place__path"))
                                     .select_related("place").order_by("place__path", "name"))
        field = self.fields.get("place")
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = places_for(user, self.place_cap).order_by("path")
            if self.preselect_only_place and not self.is_bound and "place" not in self.initial:
                only = list(field.queryset[:2])
                if len(only) == 1:
                    self.initial["place"] = only[0].pk

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class FilterForm(ScopedForm):
    place_cap = Cap.CREATION_VIEW
    preselect_only_place = False
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    place = place_field(_("Place (and below)"), empty=_("All places"))


class SiteFilterForm(FilterForm):
    level = forms.ChoiceField(label=_("Level"), required=False, choices=with_any(Level.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(
        [("standing", _("Named or under review")), *SiteStatus.choices]))
    until_year = forms.IntegerField(label=_("Named in or before"), required=False, min_value=1900,
                                    max_value=2100, error_messages=BAD_NUMBER)


class SiteForm(ScopedForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=Level.choices)
    place = place_field(_("Owner place"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=SiteStatus.choices)
    named_year = forms.IntegerField(label=_("Year named"), required=False, error_messages=BAD_NUMBER,
                                    help_text=_("Needed once the site is named."))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000, widget=forms.Textarea)
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices, widget=forms.RadioSelect,
                             required=False)
    file = forms.FileField(label=_("Document or photo"), required=False,
                           help_text=_("A PDF, Word (.docx) or Excel (.xlsx) document, or a JPEG, PNG or WebP "
                                       "photo."))
    activity = forms.TypedChoiceField(label=_("Activity"), required=False, coerce=int, empty_value=None,
                                      help_text=_("A recent activity of your places (for evidence that is an "
                                                  "activity)."))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = activities


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why does it no longer count?"), required=False, max_length=400)


class ItemNoteForm(forms.Form):
    note = forms.CharField(label=_("What it is"), required=False, max_length=400,
                           help_text=_("For example: the unity corridor on the community square."))


class BrandFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(BrandStatus.choices))
    until = forms.DateField(label=_("Started on or before"), required=False, widget=DATE, error_messages=BAD_DATE)


class BrandForm(ScopedForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    place = place_field(_("Owner place"))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000, widget=forms.Textarea)
    since = forms.DateField(label=_("Since"), required=False, widget=DATE, error_messages=BAD_DATE)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=BrandStatus.choices)
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HonourFilterForm(FilterForm):
    level = forms.ChoiceField(label=_("Level"), required=False, choices=with_any(Level.choices))
    recipient = forms.ChoiceField(label=_("Received by"), required=False, choices=with_any(Recipient.choices))
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1900, max_value=2100,
                                   error_messages=BAD_NUMBER)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1900, max_value=2100,
                                 error_messages=BAD_NUMBER)


class HonourForm(ScopedForm):
    title = forms.CharField(label=pgettext_lazy("honour", "Title"), required=False, max_length=400)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=Level.choices)
    year = forms.IntegerField(label=_("Year"), required=False, error_messages=BAD_NUMBER)
    awarding_body = forms.CharField(label=_("Awarded by"), required=False, max_length=200)
    recipient = forms.ChoiceField(label=_("Received by"), required=False, choices=Recipient.choices,
                                  widget=forms.RadioSelect)
    place = place_field(_("Unit (or where the person belongs)"))
    organization = organization_field(_("The organization that received the honour."))
    person_name = forms.CharField(label=_("Person's name"), required=False, max_length=120,
                                  help_text=_("Only for an honour received by a person. Name only: nothing else "
                                              "about them is recorded."))
    public = forms.BooleanField(label=_("Public: the whole district may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
