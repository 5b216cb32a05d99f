from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.access.policy import Cap
from shiliu.access.scope import places_for
from shiliu.accounts.models import Role
from shiliu.accounts.services import password_recheck, password_recheck_error
from shiliu.people.choices import Language
from shiliu.places.models import Place


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password."),
        "inactive": _("This account is disabled."),
        "locked": _("Too many failed attempts. This account or address is locked for %(minutes)d minutes."),
    }

    def get_invalid_login_error(self):
        # The backend marks the request when the lockout refused it (C4).
        if getattr(self.request, "login_locked", False):
            from django.conf import settings

            return forms.ValidationError(self.error_messages["locked"],
                                         params={"minutes": settings.SHILIU_LOCKOUT_MINUTES}, code="locked")
        return super().get_invalid_login_error()


class OtpForm(forms.Form):
    code = forms.CharField(label=pgettext_lazy("second factor", "Code"), max_length=16, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


class ReauthForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password", "autofocus": True}))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
    new_password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, address: str, **kwargs):
        self.user = user
        self.address = address  # where the request comes from, for the lockout (C4)
        super().__init__(*args, **kwargs)
        # Built per form so the help text is in the request's language.
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()

    def clean_old_password(self):
        if not password_recheck(user=self.user, password=self.cleaned_data["old_password"], address=self.address,
                                via="password_change"):
            raise forms.ValidationError(password_recheck_error(user=self.user, address=self.address))
        return self.cleaned_data["old_password"]

    def clean(self):
        cleaned = super().clean()
        new1, new2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if new1 and new2 and new1 != new2:
            self.add_error("new_password2", _("The two new passwords differ."))
        elif new1:
            if new1 == cleaned.get("old_password"):
                self.add_error("new_password1", _("Choose a password different from the current one."))
            try:
                password_validation.validate_password(new1, self.user)
            except forms.ValidationError as e:
                self.add_error("new_password1", e)
        return cleaned


class LanguagesField(forms.MultipleChoiceField):
    """The languages a staff member speaks, as codes of people.choices.Language (stored as a
    list of codes), so an order that needs Uyghur can go to someone who speaks it."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("choices", Language.choices)
        kwargs.setdefault("help_text", _("Tick every language you can serve residents in."))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose languages from the list.")})
        super().__init__(**kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return [code for code in Language.values if code in chosen]  # the list's order, each once


def language_labels(codes) -> list[str]:
    """Codes as the user's language names them; a value that is no code is shown as it is."""
    labels = dict(Language.choices)
    return [str(labels.get(code, code)) for code in codes or []]


class LanguagesForm(forms.Form):
    languages = LanguagesField(label=_("Languages spoken"))


class PlaceRoleMixin:
    """A role and a place, the places limited to the administrator's area."""

    def _limit_places(self, actor):
        self.fields["place"].queryset = places_for(actor, Cap.STAFF_MANAGE).order_by("path")
        self.fields["place"].label_from_instance = lambda p: "\u3000" * p.depth + p.name


class RoleGrantForm(PlaceRoleMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none())  # set per administrator

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_places(actor)


class StaffCreateForm(PlaceRoleMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_(
        "Letters, digits and @/./+/-/_ only. One account per person: never share one."))
    display_name = forms.CharField(label=_("Full name"), max_length=60)
    languages = LanguagesField(label=_("Languages spoken"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none())  # set per administrator
    password = forms.CharField(
        label=_("Initial password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to have one generated. Either way the new colleague must choose "
                    "their own password at the first sign-in."),
    )

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_places(actor)


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, help_text=_(
        "What uses the token, for example “hotline statistics script”."))
