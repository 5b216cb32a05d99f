"""Forms of the knowledge pages. They parse input; the rules live in knowledge.services."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shiliu.core.ratelimit import Limit
from shiliu.knowledge.choices import ArticleStatus
from shiliu.knowledge.models import BODY_MAX, KEYWORDS_MAX, TERM_MAX, TITLE_MAX
from shiliu.knowledge.search import QUERY_MAX
from shiliu.workorders.models import Category

# Live search sends a request as the operator types (after a pause): generous, but bounded (F6).
SEARCH_LIMIT = Limit("knowledge-search", 120, 60)


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.label(get_language())


class ArticleSearchForm(forms.Form):
    """``q`` longer than QUERY_MAX characters is cut, not refused: a pasted sentence still searches."""

    q = forms.CharField(label=_("Search"), required=False, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                      "maxlength": QUERY_MAX}))
    category = CategoryField(label=_("Category"), required=False, queryset=Category.objects.none(),
                             empty_label=_("All categories"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Draft or published")), *ArticleStatus.choices])

    def __init__(self, *args, categories, editor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = categories
        if not editor:
            del self.fields["status"]

    def clean_q(self) -> str:
        return (self.cleaned_data.get("q") or "")[:QUERY_MAX]

    def values(self) -> dict:
        """q, category, status: what was valid, or nothing for a field that was not."""
        data = getattr(self, "cleaned_data", {})
        return {"q": data.get("q", ""), "category": data.get("category"), "status": data.get("status") or None}


class ArticleForm(forms.Form):
    category = CategoryField(label=_("Category"), required=False, queryset=Category.objects.none(),
                             empty_label=_("General (no category)"))
    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_MAX * 2)
    body = forms.CharField(label=_("Text"), required=False, max_length=BODY_MAX * 2,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Plain text. An empty line starts a new paragraph."))
    keywords = forms.CharField(label=_("Keywords"), required=False, max_length=KEYWORDS_MAX * 2,
                               help_text=_("Other words callers use for this matter, separated by spaces."))
    title_en = forms.CharField(label=_("English title"), required=False, max_length=TITLE_MAX * 2)
    body_en = forms.CharField(label=_("English text"), required=False, max_length=BODY_MAX * 2,
                              widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, categories, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = categories
        if editing:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("category", "title", "body", "keywords", "title_en", "body_en")}


class VersionForm(forms.Form):
    """Publish / retire: the version the editor saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class SynonymForm(forms.Form):
    term = forms.CharField(label=_("Term residents use"), max_length=TERM_MAX * 2, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "社保"}))
    expands_to = forms.CharField(label=_("Means"), max_length=TERM_MAX * 2, required=False,
                                 widget=forms.TextInput(attrs={"placeholder": "社会保险"}))
