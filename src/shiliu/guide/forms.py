"""Forms of the guide's pages. They only carry the input: every rule lives in guide.services, whose
messages are put back next to each field (materials and steps as formsets with the same names)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.guide.models import Domain, ItemChannel, LifeEvent, MaterialForm, StepOwner
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.models import Category

EXTRA_ROWS = 2


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the guide"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 社保, 入学, 低保")}))
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    life_event = forms.ChoiceField(label=_("Life event"), required=False)

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", pgettext_lazy("guide filter", "All"))]
        domain, life_event = self.fields["domain"], self.fields["life_event"]
        assert isinstance(domain, forms.ChoiceField) and isinstance(life_event, forms.ChoiceField)
        domain.choices = any_ + [(d.code, d.label(language)) for d in Domain.objects.all()]
        life_event.choices = any_ + [(e.code, e.label(language)) for e in LifeEvent.objects.all()]


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, required=False,
                           help_text=_("Letters, digits and hyphens, like “SI-01”. It never changes."))
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=Domain.objects.all(), required=False)
    category = forms.ModelChoiceField(label=_("Work-order category"), queryset=Category.objects.filter(active=True),
                                      required=False)
    life_events = forms.ModelMultipleChoiceField(label=_("Life events"), queryset=LifeEvent.objects.all(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=320)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description_en = forms.CharField(label=_("Description in English"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    eligibility = forms.CharField(label=_("Who may ask"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    eligibility_en = forms.CharField(label=_("Who may ask, in English"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    promised_days = forms.CharField(label=_("Promised time limit (working days)"), required=False, max_length=6)
    fees = forms.CharField(label=_("Fees"), required=False, max_length=400)
    fees_en = forms.CharField(label=_("Fees in English"), required=False, max_length=600)
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    channels = forms.MultipleChoiceField(label=_("Offered on"), choices=ItemChannel.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("What changed"), required=False, max_length=200,
                           help_text=_("One line for the version history."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]


class MaterialRowForm(forms.Form):
    name = forms.CharField(label=_("Material"), required=False, max_length=240)
    name_en = forms.CharField(label=_("Material in English"), required=False, max_length=400)
    form = forms.ChoiceField(label=_("Original or copy"), choices=MaterialForm.choices, required=False,
                             initial=MaterialForm.ORIGINAL)
    copies = forms.CharField(label=_("Copies"), required=False, initial="1", max_length=4)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=600)
    notes_en = forms.CharField(label=_("Notes in English"), required=False, max_length=800)


class StepRowForm(forms.Form):
    name = forms.CharField(label=_("Step"), required=False, max_length=240)
    name_en = forms.CharField(label=_("Step in English"), required=False, max_length=400)
    owner = forms.ChoiceField(label=_("Done by"), choices=[("", "—")] + list(StepOwner.choices), required=False)
    department = forms.ModelChoiceField(label=_("Department"), required=False,
                                        queryset=Place.objects.filter(kind=PlaceKind.DEPARTMENT).order_by("code"))
    time_limit_days = forms.CharField(label=_("Time limit (working days)"), required=False, max_length=4)
    tell_resident = forms.BooleanField(label=_("Tell the resident when done"), required=False)


MaterialFormSet = forms.formset_factory(MaterialRowForm, extra=EXTRA_ROWS, can_delete=True, max_num=40,
                                        absolute_max=60)
StepFormSet = forms.formset_factory(StepRowForm, extra=EXTRA_ROWS, can_delete=True, max_num=20, absolute_max=40)


class NamedForm(forms.Form):
    """A domain or a life event."""

    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=160, required=False)
    position = forms.IntegerField(label=_("Position"), required=False, min_value=0, max_value=32000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Guide file (.xlsx or .json)"))
