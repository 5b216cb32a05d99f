"""Forms of the place pages. They parse input; the rules live in places.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shiliu.places.models import ALLOWED_CHILDREN, Place, PlaceKind

INDENT = "\u3000"  # an ideographic space: the width of one Chinese character


class PlaceSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *PlaceKind.choices])


class PlaceFieldsForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlaceKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class PlaceCreateForm(PlaceFieldsForm):
    def __init__(self, *args, parent: Place, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_CHILDREN.get(parent.kind, set())
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(value, label) for value, label in PlaceKind.choices if value in allowed]


class PlaceEditForm(PlaceFieldsForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Place) -> str:
        # Indentation shows the tree inside a plain <select>.
        return f"{INDENT * obj.depth}{obj.name} ({obj.code})"


class PlaceMoveForm(forms.Form):
    parent = PlaceChoiceField(label=_("New parent"), queryset=Place.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = targets


class PlaceImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
