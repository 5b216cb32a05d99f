"""Forms of the job market's pages: they parse and offer choices; the services hold every rule."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.core.forms import HONEYPOT, HoneypotForm
from shiliu.creation.forms import BAD_DATE, BAD_NUMBER, DATE, PlaceChoiceField, ScopedForm, place_field, with_any
from shiliu.jobs.choices import (
    Availability,
    EmployerStatus,
    Language,
    PayPeriod,
    PostingStatus,
    ReferralOutcome,
    SeekerStatus,
    Skill,
)
from shiliu.jobs.selectors import public_places
from shiliu.places.models import Place

NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})
TEL = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})
CHECKS = forms.CheckboxSelectMultiple()
def money(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, widget=NUMBER, error_messages=BAD_NUMBER)


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class JobsForm(ScopedForm):
    place_cap = Cap.JOB_EDIT


class FilterForm(ScopedForm):
    place_cap = Cap.JOB_VIEW
    preselect_only_place = False
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    place = place_field(_("Place (and below)"), empty=_("All places"))


class EmployerFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(EmployerStatus.choices))


class PostingFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(
        [("open", _("Open to applicants")), *PostingStatus.choices]))


class SeekerFilterForm(FilterForm):
    # A seeker's name never travels in a URL (SECURITY B5, ADR 0008): the list filters by
    # place and status only.
    q = None  # type: ignore[assignment]
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(SeekerStatus.choices))


class FiguresForm(ScopedForm):
    place_cap = Cap.JOB_VIEW
    preselect_only_place = False
    place = place_field(_("Place (and below)"), empty=_("My places"))
    date_from = forms.DateField(label=_("Started from"), required=False, widget=DATE, error_messages=BAD_DATE)
    date_to = forms.DateField(label=_("Started until"), required=False, widget=DATE, error_messages=BAD_DATE)


class EmployerForm(JobsForm):
    name = forms.CharField(label=_("Name of the employer"), required=False, max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), required=False, max_length=40,
                                  help_text=_("18 characters, as on the business licence."),
                                  widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    address = forms.CharField(label=_("Address"), required=False, max_length=400)
    place = place_field()
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=120)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=40, widget=TEL)


class EmployerEditForm(EmployerForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["credit_code"]


class PublicEmployerForm(HoneypotForm):
    """The employer registers itself (``website`` is the honeypot)."""

    name = EmployerForm.base_fields["name"]
    credit_code = EmployerForm.base_fields["credit_code"]
    address = EmployerForm.base_fields["address"]
    place = PlaceChoiceField(label=_("Subdistrict or community"), queryset=Place.objects.none(), required=False,
                             empty_label=_("Choose a place"))
    contact_name = EmployerForm.base_fields["contact_name"]
    contact_phone = EmployerForm.base_fields["contact_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = public_places()

    def service_arguments(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=600)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PostingForm(JobsForm):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None, required=False,
                                   empty_label=_("Choose a verified employer"))
    title = forms.CharField(label=_("Job title"), required=False, max_length=200)
    pay_min = money(_("Lowest pay (yuan)"))
    pay_max = money(_("Highest pay (yuan)"))
    pay_period = forms.ChoiceField(label=_("Pay period"), required=False, choices=PayPeriod.choices)
    place = place_field()
    work_location = forms.CharField(label=_("Where the work is"), required=False, max_length=400)
    hours = forms.CharField(label=_("Working hours"), required=False, max_length=400,
                            help_text=_("For example: two shifts, 8 hours, 4 days off a month."))
    openings = forms.IntegerField(label=_("Openings"), required=False, widget=NUMBER, error_messages=BAD_NUMBER,
                                  initial=1)
    expires_on = forms.DateField(label=_("Open until"), required=False, widget=DATE, error_messages=BAD_DATE)
    skills = forms.MultipleChoiceField(label=_("Skills sought"), required=False, choices=Skill.choices,
                                       widget=CHECKS)
    languages = forms.MultipleChoiceField(label=_("Languages used at work"), required=False,
                                          choices=Language.choices, widget=CHECKS,
                                          help_text=_("Spoken languages the work uses, for example with customers."))
    meals = forms.BooleanField(label=_("Meals provided"), required=False)
    housing = forms.BooleanField(label=_("Housing provided"), required=False)
    halal_meals = forms.BooleanField(label=_("Halal meals available"), required=False)
    requirements = forms.CharField(label=_("Requirements"), required=False, max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if employers is None:
            del self.fields["employer"]
        else:
            self.fields["employer"].queryset = employers


class SeekerForm(JobsForm):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=120)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=40, widget=TEL)
    place = place_field(_("Place whose workers keep the profile"))
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False, choices=Language.choices,
                                          widget=CHECKS)
    skills = forms.MultipleChoiceField(label=_("Skills"), required=False, choices=Skill.choices, widget=CHECKS)
    skills_other = forms.CharField(label=_("Other skills"), required=False, max_length=400)
    wished_place = PlaceChoiceField(label=_("Wished place of work"), queryset=Place.objects.none(), required=False,
                                    empty_label=_("Anywhere in the district"))
    wished_pay_min = money(_("Lowest wished pay (yuan a month)"))
    wished_pay_max = money(_("Highest wished pay (yuan a month)"))
    availability = forms.ChoiceField(label=_("Available"), required=False, choices=Availability.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=SeekerStatus.choices)
    consent = forms.BooleanField(label=_("The seeker agrees to be matched with jobs and contacted about them"),
                                 required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        wished = self.fields["wished_place"]
        assert isinstance(wished, forms.ModelChoiceField)
        wished.queryset = public_places()
        if new:
            del self.fields["status"]


class ReferralForm(forms.Form):
    posting = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=800)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=ReferralOutcome.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlacementForm(forms.Form):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None, required=False,
                                   empty_label=_("Choose a verified employer"))
    posting = forms.TypedChoiceField(label=_("Posting (optional)"), required=False, coerce=int, empty_value=None)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE, error_messages=BAD_DATE)

    def __init__(self, *args, employers, postings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        self.fields["posting"].choices = [("", _("None")), *postings]


class PublicFilterForm(forms.Form):
    place = PlaceChoiceField(label=_("Place (and below)"), queryset=Place.objects.none(), required=False,
                             empty_label=_("All places"))
    pay = forms.IntegerField(label=_("Pay at least (yuan a month)"), required=False, min_value=0,
                             max_value=1_000_000, widget=NUMBER, error_messages=BAD_NUMBER)
    language = forms.ChoiceField(label=_("Language used at work"), required=False,
                                 choices=with_any(Language.choices, _("Any")))
    meals = forms.BooleanField(label=_("Meals provided"), required=False)
    housing = forms.BooleanField(label=_("Housing provided"), required=False)
    halal_meals = forms.BooleanField(label=_("Halal meals available"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = public_places()


def place_label(place: Place | None) -> str:
    return place.display_name(get_language()) if place else ""


_POSTING = PostingForm.base_fields


class DeskPostingForm(HoneypotForm):
    """A posting written by the employer's contact on the employers' desk: the staff form's fields,
    the district's public places, a form key (a double submit is one posting) and the honeypot."""

    title = _POSTING["title"]
    pay_min = _POSTING["pay_min"]
    pay_max = _POSTING["pay_max"]
    pay_period = _POSTING["pay_period"]
    place = PlaceChoiceField(label=_("Subdistrict or community"), queryset=Place.objects.none(), required=False,
                             empty_label=_("Choose a place"))
    work_location = _POSTING["work_location"]
    hours = _POSTING["hours"]
    openings = _POSTING["openings"]
    expires_on = _POSTING["expires_on"]
    skills = _POSTING["skills"]
    languages = _POSTING["languages"]
    meals = _POSTING["meals"]
    housing = _POSTING["housing"]
    halal_meals = _POSTING["halal_meals"]
    requirements = _POSTING["requirements"]
    description = _POSTING["description"]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = public_places()

    def service_arguments(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in (HONEYPOT, "version", "form_key")}
