"""Forms parse what the pages send; the rules live in workorders.services / config / attachments.

Fields are lenient (mostly ``required=False``): the service checks what is required, so a
page and the API give the same message for the same mistake, all fields at once.
"""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for
from shiliu.people.choices import Language
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.attachments import ACCEPT
from shiliu.workorders.choices import Channel, Kind, Satisfaction, Solved, Status, Urgency
from shiliu.workorders.models import DESCRIPTION_MAX, NOTE_MAX, Category

INPUT_CAP = 200
# A little above the service's limit, so the service's own message ("at most 5000 characters;
# this has 5003") is what the user reads; anything far larger is cut off by the form first.
TEXT_CAP = 20_000

PLACE_NOT_LISTED = _("Choose a place from the list.")
CATEGORY_NOT_LISTED = _("Choose a category from the list.")
CHOOSE_PLACE = pgettext_lazy("work order", "Choose a place")


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * obj.depth + obj.display_name(get_language())


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label(get_language())


def active_categories():
    return Category.objects.filter(active=True).order_by("code")


def _text(label, *, limit: int, rows: int = 3, required: bool = False, help_text=""):
    return forms.CharField(label=label, required=required, max_length=TEXT_CAP, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, "maxlength": limit}),
                           error_messages={"max_length": _("This text is far too long.")})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class OrderCreateForm(forms.Form):
    """Open a work order from a page (the hotline screen has its own quick form)."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, required=False)
    category = CategoryChoiceField(label=_("Service category"), queryset=Category.objects.none(), required=False,
                                   empty_label=_("Choose a category"),
                                   error_messages={"invalid_choice": CATEGORY_NOT_LISTED})
    description = _text(_("What does the resident need?"), limit=DESCRIPTION_MAX, rows=5)
    place = PlaceChoiceField(label=_("Place the request is about"), queryset=Place.objects.none(), required=False,
                             empty_label=CHOOSE_PLACE, error_messages={"invalid_choice": PLACE_NOT_LISTED})
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, required=False, initial=Urgency.NORMAL)
    language = forms.ChoiceField(label=_("Language the resident needs"), choices=Language.choices, required=False,
                                 initial=Language.MANDARIN)
    requester_phone = forms.CharField(
        label=_("Find the resident by phone"), required=False, max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("Optional: link the order to a recorded resident. Leave empty for an anonymous request."))
    requester = forms.TypedChoiceField(label=_("Requester"), required=False, coerce=int, empty_value=None,
                                       widget=forms.RadioSelect)
    contact_name = forms.CharField(label=_("Contact name"), required=False, max_length=INPUT_CAP)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=40,
                                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    contact_consent = forms.BooleanField(
        label=_("The resident agrees that we record their name and number and contact them about this request"),
        required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False,
                                    help_text=_("PDF, photos, Word, Excel or plain text."))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args, user, residents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        category.queryset = active_categories()
        place = self.fields["place"]
        assert isinstance(place, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        place.queryset = places_for(user, Cap.ORDER_CREATE).filter(is_active=True).order_by("path")
        requester = self.fields["requester"]
        assert isinstance(requester, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        requester.choices = [("", _("Nobody: an anonymous request"))] + [(r["id"], r["label"]) for r in residents]
        if not residents:
            requester.widget = forms.HiddenInput()
        self.fields["attachments"].widget.attrs["accept"] = ACCEPT


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                 error_messages={"required": _("Reload the page and try again.")})


class DispatchForm(VersionForm):
    unit = PlaceChoiceField(label=_("Unit"), queryset=Place.objects.none(), required=False,
                            empty_label=_("Choose a unit"), error_messages={"invalid_choice": PLACE_NOT_LISTED})
    note = _text(_("Note for the unit (optional)"), limit=NOTE_MAX, rows=2)

    def __init__(self, *args, units, unit_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = units
        if unit_labels:
            base = field.label_from_instance
            field.label_from_instance = lambda obj: base(obj) + unit_labels.get(obj.pk, "")  # type: ignore[method-assign]


class ChangeCategoryForm(VersionForm):
    category = CategoryChoiceField(label=_("New category"), queryset=Category.objects.none(), required=False,
                                   empty_label=_("Choose a category"),
                                   error_messages={"invalid_choice": CATEGORY_NOT_LISTED})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = active_categories()


class ReasonForm(VersionForm):
    reason = _text(_("Reason"), limit=NOTE_MAX, rows=2)


class ReferForm(VersionForm):
    department = PlaceChoiceField(label=_("Department"), queryset=Place.objects.none(), required=False,
                                  empty_label=_("Choose a department"),
                                  error_messages={"invalid_choice": _("Choose a department from the list.")})
    note = _text(_("What the department is asked to do"), limit=NOTE_MAX, rows=2)
    share_contact = forms.BooleanField(label=_("Share the resident's name and phone with the department"),
                                       required=False)
    consent_confirmed = forms.BooleanField(label=_("The resident consented to this referral"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = Place.objects.filter(kind=PlaceKind.DEPARTMENT, is_active=True).order_by("path")


class ResolveForm(VersionForm):
    reply = _text(_("Reply to the resident"), limit=NOTE_MAX, rows=4,
                  help_text=_("The resident reads this on the tracking page."))


class NoteForm(forms.Form):
    note = _text(_("Note"), limit=NOTE_MAX, rows=2, help_text=_("Internal: the resident never sees notes."))


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                           help_text=_("PDF, photos, Word, Excel or plain text."))


class RatingForm(forms.Form):
    solved = forms.ChoiceField(label=_("Was the problem actually solved?"), choices=Solved.choices, required=False,
                               widget=forms.RadioSelect)
    satisfaction = forms.ChoiceField(label=_("How satisfied is the resident?"), choices=Satisfaction.choices,
                                     required=False, widget=forms.RadioSelect)
    comment = _text(_("Comment"), limit=NOTE_MAX, rows=2)


class CallbackForm(VersionForm, RatingForm):
    pass


class ResidentRatingForm(RatingForm):
    """The same two questions, asked of the resident on the tracking page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solved"].label = _("Was your problem actually solved?")
        self.fields["satisfaction"].label = _("How satisfied are you with how it was handled?")
        self.fields["comment"].label = _("Anything you want to tell us (optional)")


class DecisionNoteForm(VersionForm):
    note = _text(_("Note"), limit=NOTE_MAX, rows=2)


class SuperviseForm(forms.Form):
    note = _text(_("Instruction to the unit"), limit=NOTE_MAX, rows=2)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false"}),
                           help_text=_("The 10 letters and digits on your SMS or printed receipt."))


# --- inbox filters (GET: they hold no personal data) ------------------------------------------

PERIODS = [("", _("Any time")), ("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days")),
           ("365", _("Last year"))]


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status"))] + Status.choices)
    category = CategoryChoiceField(label=pgettext_lazy("work order", "Category"), queryset=Category.objects.none(),
                                   required=False, empty_label=_("Any category"))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("Any channel"))] + Channel.choices)
    place = PlaceChoiceField(label=pgettext_lazy("work order", "Place"), queryset=Place.objects.none(), required=False,
                             empty_label=_("Any place"))
    period = forms.ChoiceField(label=_("Opened"), required=False, choices=PERIODS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        category.queryset = Category.objects.order_by("code")
        place = self.fields["place"]
        assert isinstance(place, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        place.queryset = places_for(user, Cap.ORDER_VIEW).order_by("path")


# --- configuration ------------------------------------------------------------------------------

class CategoryForm(forms.Form):
    code = forms.CharField(label=pgettext_lazy("work order", "Code"), max_length=INPUT_CAP, required=False,
                           help_text=_("Lower-case letters, digits and hyphens; cannot be changed later."))
    name = forms.CharField(label=pgettext_lazy("work order", "Name"), max_length=INPUT_CAP, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=INPUT_CAP, required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("work order", "Kind"), choices=Kind.choices, required=False)
    ack_hours = forms.CharField(label=_("Acknowledge within (working hours)"), required=False, max_length=10,
                                widget=forms.NumberInput(attrs={"min": 1}),
                                help_text=_("Empty: 4 working hours."))
    resolve_days = forms.CharField(label=_("Resolve within (working days)"), required=False, max_length=10,
                                   widget=forms.NumberInput(attrs={"min": 1}),
                                   help_text=_("Empty: the default of the kind (consultation 2, help or "
                                               "suggestion 10, complaint 15)."))
    active = forms.BooleanField(label=pgettext_lazy("work order", "In use"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]
            self.fields["version"].required = True
        else:
            del self.fields["version"]


class RoutingRuleForm(forms.Form):
    place = PlaceChoiceField(label=_("Orders about"), queryset=Place.objects.none(), required=False,
                             empty_label=CHOOSE_PLACE, error_messages={"invalid_choice": PLACE_NOT_LISTED},
                             help_text=_("The rule covers this place and everything below it."))
    category = CategoryChoiceField(label=pgettext_lazy("work order", "Category"), queryset=Category.objects.none(),
                                   required=False, empty_label=_("Any category"),
                                   error_messages={"invalid_choice": CATEGORY_NOT_LISTED})
    unit = PlaceChoiceField(label=_("Go to unit"), queryset=Place.objects.none(), required=False,
                            empty_label=_("Choose a unit"), error_messages={"invalid_choice": PLACE_NOT_LISTED})

    def __init__(self, *args, places, units, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (("place", places), ("unit", units), ("category", active_categories())):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
            field.queryset = queryset


class RouteTestForm(forms.Form):
    place = PlaceChoiceField(label=pgettext_lazy("work order", "Place"), queryset=Place.objects.none(), required=False,
                             empty_label=CHOOSE_PLACE, error_messages={"invalid_choice": PLACE_NOT_LISTED})
    category = CategoryChoiceField(label=pgettext_lazy("work order", "Category"), queryset=Category.objects.none(),
                                   required=False, empty_label=_("Choose a category"),
                                   error_messages={"invalid_choice": CATEGORY_NOT_LISTED})

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (("place", places), ("category", active_categories())):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
            field.queryset = queryset


class StepCompleteForm(VersionForm):
    outcome = _text(_("Outcome"), limit=NOTE_MAX, rows=2,
                    help_text=_("What your unit did; a department reports back here. Internal."))


class ConsentForm(forms.Form):
    agreed = forms.BooleanField(label=_("The resident heard this text and agrees"), required=False)
    text_version = forms.CharField(widget=forms.HiddenInput)

    def clean_agreed(self):
        if not self.cleaned_data.get("agreed"):
            raise forms.ValidationError(_("Record the consent only when the resident agrees."))
        return True
