"""Forms of the news pages: they parse and offer choices; the services hold every rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.creation.forms import ScopedForm, place_field, with_any
from shiliu.news.choices import ArticleKind, ArticleStatus

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
BAD_DATETIME = {"invalid": _("Enter a real date and time, like 2026-05-17 09:30.")}
BODY_HELP = _("Allowed markup: <p>, <h2>, <h3>, <strong>, <em>, <ul>/<ol> with <li>, <a href=\"https://…\">, "
              "<table>, and pictures uploaded below as <img src=\"/news/images/…/\" alt=\"…\">. "
              "Anything else (scripts, styles, event handlers) is removed when you save.")


class ArticleForm(ScopedForm):
    place_cap = Cap.NEWS_WRITE
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=ArticleKind.choices)
    place = place_field(_("Written for"))
    title = forms.CharField(label=_("Title"), required=False, max_length=400,
                            help_text=_("Plain text, at most 120 characters."))
    summary = forms.CharField(label=_("Summary"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("One or two sentences shown in lists."))
    body = forms.CharField(label=_("Text"), required=False, max_length=40_000,
                           widget=forms.Textarea(attrs={"rows": 16}), help_text=BODY_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search titles"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=with_any(ArticleStatus.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=with_any(ArticleKind.choices))


class ApproveForm(forms.Form):
    publish_at = forms.DateTimeField(label=_("Publish from (empty: now)"), required=False, widget=DATETIME,
                                     error_messages=BAD_DATETIME)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What has to change"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Picture (JPEG, PNG or WebP)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
