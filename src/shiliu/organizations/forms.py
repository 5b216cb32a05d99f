"""Forms of the organization pages. They parse input; the rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.organizations.choices import GroupKind, GroupLevel, GroupRole, MemberRole, OrgKind, OrgStatus
from shiliu.organizations.models import Organization
from shiliu.places.models import Place

INDENT = "\u3000"  # an ideographic space: the width of one Chinese character


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Place) -> str:
        return f"{INDENT * obj.depth}{obj.name}"


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _choices(form: forms.Form, name: str, queryset) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def add_period(form: forms.Form, *, required: bool) -> None:
    """The ``from`` and ``to`` fields (Python keywords, so added by name)."""
    form.fields["from"] = forms.DateField(label=_("From"), required=required, widget=DateInput())
    form.fields["to"] = forms.DateField(label=_("To"), required=required, widget=DateInput())


def check_period(form: forms.Form, cleaned: dict) -> None:
    start, end = cleaned.get("from"), cleaned.get("to")
    if start and end and start > end:
        form.add_error("to", _("The end of the period comes before its start."))


class OrgFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrgKind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *OrgStatus.choices])
    place = PlaceChoiceField(label=_("Place and below"), required=False, queryset=Place.objects.none(),
                             empty_label=_("All places"))

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "place", places)
        add_period(self, required=False)

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
        return cleaned

    def filters(self) -> dict:
        d = self.cleaned_data
        return {"q": d.get("q") or "", "kind": d.get("kind") or "", "status": d.get("status") or "",
                "place": d.get("place"), "start": d.get("from"), "end": d.get("to")}


class PeriodForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_period(self, required=True)

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
        return cleaned


class OrganizationForm(forms.Form):
    # Required-ness and rules are the service's, so every message shows at once (the form only parses).
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    place = PlaceChoiceField(label=_("Place"), queryset=Place.objects.none())
    parent = OrgChoiceField(label=_("Organization above"), required=False, queryset=Organization.objects.none(),
                            empty_label=_("None"))
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=[(OrgStatus.ACTIVE, OrgStatus.ACTIVE.label),
                                                           (OrgStatus.DORMANT, OrgStatus.DORMANT.label)])
    public = forms.BooleanField(label=_("Public: every colleague in the district may see it"), required=False,
                                initial=True)
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, places, parents, with_version: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "place", places)
        _choices(self, "parent", parents)
        if with_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)


class DissolveForm(forms.Form):
    dissolved_on = forms.DateField(label=_("Dissolved on"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    role = forms.ChoiceField(label=pgettext_lazy("member", "Role"), choices=MemberRole.choices,
                             initial=MemberRole.MEMBER)
    since = forms.DateField(label=_("Member since"), required=False, widget=DateInput())
    resident = forms.IntegerField(label=_("Resident record number (optional)"), required=False, min_value=1,
                                  help_text=_("Links the member to a resident recorded in your places; an empty "
                                              "name or phone is then taken from that record."))
    user = forms.ModelChoiceField(label=_("Staff account (optional)"), required=False,
                                  queryset=get_user_model().objects.none(), empty_label=_("None"))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "user", staff)


class MemberEditForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60, required=False)
    phone = forms.CharField(label=_("New phone"), max_length=40, required=False,
                            help_text=_("Leave empty to keep the current number."))
    role = forms.ChoiceField(label=pgettext_lazy("member", "Role"), choices=MemberRole.choices)
    since = forms.DateField(label=_("Member since"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class EndForm(forms.Form):
    until = forms.DateField(label=_("Ended on"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class GroupFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *GroupKind.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *GroupLevel.choices])
    place = PlaceChoiceField(label=_("Place and below"), required=False, queryset=Place.objects.none(),
                             empty_label=_("All places"))

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "place", places)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=GroupLevel.choices)
    place = PlaceChoiceField(label=_("Place"), queryset=Place.objects.none())
    public = forms.BooleanField(label=_("Public: every colleague in the district may see it"), required=False,
                                initial=True)
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, places, with_version: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "place", places)
        if with_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)


class GroupMemberForm(forms.Form):
    unit = PlaceChoiceField(label=_("Member unit"), required=False, queryset=Place.objects.none(),
                            empty_label=_("None"))
    person_name = forms.CharField(label=_("Person"), max_length=60, required=False)
    title = forms.CharField(label=pgettext_lazy("post", "Title"), max_length=60, required=False,
                            help_text=_("The post, as the group's document names it, e.g. deputy district head."))
    role = forms.ChoiceField(label=pgettext_lazy("member", "Role"), choices=GroupRole.choices,
                             initial=GroupRole.MEMBER)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "unit", units)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
