"""Forms turn what a page sends into types; every rule lives in the services, so a page and
the API give the same message for the same mistake."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for
from shiliu.activities.choices import ActivityStatus, ActivityType, group_choices, grouped_type_choices
from shiliu.activities.models import CODE_DIGITS
from shiliu.activities.selectors import organization_choices
from shiliu.organizations.models import Organization
from shiliu.places.models import Place

INPUT_CAP = 2000
COUNT_ROWS = 6
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
# Groups offered as suggestions when counting participants; any other group may be typed.
SUGGESTED_GROUPS = (_("Minority participants"), _("Local participants"), _("Children"), _("Volunteers"))


class PlaceChoiceField(forms.ModelChoiceField):
    top = 0  # the depth of the user's own top places: they stand flush left

    def label_from_instance(self, obj):
        return "— " * (obj.depth - self.top) + obj.display_name(get_language())

    def set_places(self, queryset) -> None:
        self.queryset = queryset
        self.top = min((p.depth for p in queryset), default=0)


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name(get_language())


class PlaceMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return "— " * obj.depth + obj.display_name(get_language())


def _datetime_field(label):
    return forms.DateTimeField(
        label=label, required=False, input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter a date and time, like 2026-05-17 14:30.")})


class ActivityForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("activity", "Title"), required=False, max_length=INPUT_CAP)
    title_en = forms.CharField(label=_("English title (optional)"), required=False, max_length=INPUT_CAP)
    type = forms.ChoiceField(label=_("Type"), required=False)
    place = PlaceChoiceField(label=_("Organizing place"), queryset=Place.objects.none(), required=False,
                             empty_label=_("Choose a place"))
    organization = OrganizationChoiceField(label=_("Organization running it (optional)"),
                                          queryset=Organization.objects.none(), required=False,
                                          empty_label=_("None"))
    co_organizers = PlaceMultipleChoiceField(
        label=_("Co-organizing places (optional)"), queryset=Place.objects.none(), required=False,
        help_text=_("Hold Ctrl (or ⌘) to choose several."))
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"))
    venue = forms.CharField(label=pgettext_lazy("activity", "Venue"), required=False, max_length=INPUT_CAP)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=None,
                                  help_text=_("Leave empty when there is no limit."),
                                  error_messages={"invalid": _("Enter a whole number.")})
    waiting_list = forms.BooleanField(label=_("Keep a waiting list when it is full"), required=False)
    public_registration = forms.BooleanField(label=_("The public may register online"), required=False)
    description = forms.CharField(label=_("Description (optional)"), required=False, max_length=INPUT_CAP,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, editing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Choose a type"))] + grouped_type_choices()  # type: ignore[attr-defined]
        place = self.fields["place"]
        assert isinstance(place, PlaceChoiceField)
        organizing = places_for(user, Cap.ACTIVITY_EDIT).order_by("path")
        place.set_places(organizing)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ModelChoiceField)
        organization.queryset = organization_choices(user)
        co = self.fields["co_organizers"]
        assert isinstance(co, forms.ModelMultipleChoiceField)
        co.queryset = Place.objects.filter(is_active=True).order_by("path")
        co.widget.attrs["size"] = 8
        if not editing:
            del self.fields["version"]
            only = list(organizing[:2])
            if len(only) == 1:
                self.initial.setdefault("place", only[0].pk)
            self.initial.setdefault("waiting_list", True)
        else:
            self.fields["version"].required = True

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["co_organizers"] = list(data.get("co_organizers") or [])
        data["type"] = data.get("type") or ""
        return data


class RegistrationForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "class": "code-input", "autofocus": True}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The %(n)d digits in the message you received when you registered.") % {
            "n": CODE_DIGITS}


class OutcomeForm(forms.Form):
    extra_attendance = forms.IntegerField(
        label=_("People who came without checking in"), required=False, min_value=None,
        help_text=_("Counted at the door. Attendance is the check-ins plus this number."),
        error_messages={"invalid": _("Enter a whole number.")})
    summary = forms.CharField(label=_("Short summary"), required=False, max_length=INPUT_CAP,
                              widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rows: int = COUNT_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            self.fields[f"group_{i}"] = forms.CharField(
                label=_("Group"), required=False, max_length=200,
                widget=forms.TextInput(attrs={"list": "participant-groups"}))
            self.fields[f"count_{i}"] = forms.IntegerField(
                label=_("Number of participants"), required=False, min_value=None,
                error_messages={"invalid": _("Enter a whole number.")})

    def count_rows(self):
        return [(self[f"group_{i}"], self[f"count_{i}"]) for i in range(self.rows)]

    def counts(self) -> list[tuple[str, int | None]]:
        return [(self.cleaned_data.get(f"group_{i}") or "", self.cleaned_data.get(f"count_{i}"))
                for i in range(self.rows)]

    def field_map(self) -> dict[str, str]:
        """The service's names of row errors, as this form's fields."""
        mapping = {}
        for i in range(self.rows):
            mapping[f"counts.{i}.group"] = f"group_{i}"
            mapping[f"counts.{i}.count"] = f"count_{i}"
        return mapping


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    caption = forms.CharField(label=_("Caption (optional)"), required=False, max_length=200)


class FilterForm(forms.Form):
    """The list's filters, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False)
    group = forms.ChoiceField(label=_("Programme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + list(ActivityStatus.choices))
    place = PlaceChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False,
                             empty_label=_("All my places"))
    start = forms.DateField(label=pgettext_lazy("period", "From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    held = forms.BooleanField(label=_("Held only"), required=False)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Any type"))] + grouped_type_choices()  # type: ignore[attr-defined]
        self.fields["group"].choices = [("", _("Any programme"))] + group_choices()  # type: ignore[attr-defined]
        place = self.fields["place"]
        assert isinstance(place, PlaceChoiceField)
        place.set_places(places)


def type_label(value: str) -> str:
    return str(ActivityType(value).label) if value in ActivityType.values else value
