from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from shiliu.accounts.lockout import is_locked
from shiliu.core.net import client_address


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password."),
        "inactive": _("This account is disabled."),
        "locked": _("Too many failed attempts. This account or address is locked for %(minutes)d minutes."),
    }

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        if username and is_locked(username, client_address(self.request)):
            raise forms.ValidationError(self.error_messages["locked"] % {"minutes": settings.SHILIU_LOCKOUT_MINUTES},
                                        code="locked")
        return super().clean()


class OtpForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=16, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


class ReauthForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password", "autofocus": True}))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=password_validation.password_validators_help_text_html())
    new_password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(_("Your current password is not right."))
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
