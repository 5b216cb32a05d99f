"""Forms of the operator's desk. They turn text into types and offer the user's choices;
every rule (required fields, lengths, numbers, consent) is checked by the services, so the
desk and the API say the same thing about the same mistake."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for
from shiliu.hotline.choices import Outcome
from shiliu.people.choices import Language as SpokenLanguage
from shiliu.workorders.choices import Urgency
from shiliu.workorders.forms import MultipleFileField
from shiliu.workorders.models import Category

# Input caps well above what the services accept: the service gives the precise message.
TEXT_CAP = 20_000
PHONE_CAP = 40


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label(get_language())


class PlaceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * obj.depth + obj.display_name(get_language())


def _categories():
    return Category.objects.filter(active=True).order_by("code")


class LookupForm(forms.Form):
    """A number typed by hand. POSTed: numbers never travel in URLs (B5)."""

    phone = forms.CharField(label=_("Caller's number"), max_length=PHONE_CAP, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off",
                                                          "placeholder": "0574-8688 1234"}),
                            help_text=_("Mobile or landline with its area code."))


class RecordCallForm(forms.Form):
    phone = forms.CharField(max_length=PHONE_CAP, required=False, widget=forms.HiddenInput)


class ArticlesField(forms.TypedMultipleChoiceField):
    """Ids of knowledge-base articles; which ones the user may read is the service's check."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, widget=forms.MultipleHiddenInput, **kwargs)

    def valid_value(self, value) -> bool:
        return str(value).isdigit()


class AnswerForm(forms.Form):
    """Answered on the call (直接答复)."""

    category = CategoryField(label=_("Category"), queryset=None, required=False, empty_label=_("Choose a category"))
    summary = forms.CharField(label=_("What was asked and answered"), max_length=TEXT_CAP, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    articles = ArticlesField(label=_("Articles used"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "answer")
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()  # type: ignore[attr-defined]


class OtherForm(forms.Form):
    summary = forms.CharField(label=_("What the call was"), max_length=TEXT_CAP, required=False,
                              help_text=_("A wrong number, a silent call, a call passed on, ..."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "other")
        super().__init__(*args, **kwargs)


class OrderForm(forms.Form):
    """Open a work order from the call: short, in the order the operator asks."""

    category = CategoryField(label=_("Category"), queryset=None, required=False, empty_label=_("Choose a category"))
    description = forms.CharField(label=_("What the resident needs"), max_length=TEXT_CAP, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    place = PlaceField(label=_("Place the request is about"), queryset=None, required=False,
                       empty_label=_("Choose a place"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    language = forms.ChoiceField(label=_("Language needed"), choices=SpokenLanguage.choices, initial="zh")
    contact_name = forms.CharField(label=pgettext_lazy("person", "Contact name"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=PHONE_CAP, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    contact_consent = forms.BooleanField(
        label=_("The caller agrees that their name and number are recorded for this order"), required=False)
    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "order")
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()  # type: ignore[attr-defined]
        self.fields["place"].queryset = places_for(user, Cap.ORDER_CREATE).order_by("path")  # type: ignore[attr-defined]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class CallFilterForm(forms.Form):
    """Filters of the call records (GET: dates, outcome and operator hold no personal data)."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": _("Enter a real date, like 2026-05-17.")})
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": _("Enter a real date, like 2026-05-17.")})
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", _("Any")), *Outcome.choices, ("none", _("Not logged yet"))])
    operator: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Operator"), queryset=None, required=False,
                                                              empty_label=_("Any"))

    def __init__(self, *args, operators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = operators  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end comes before the start."))
        return data
