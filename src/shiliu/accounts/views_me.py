"""My account: languages, second factor and API tokens of the signed-in user."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from shiliu.access.rules import login_only
from shiliu.accounts import selectors, services
from shiliu.accounts.forms import LanguagesForm, TokenCreateForm
from shiliu.accounts.middleware import OTP_REQUIRED, reauth_required


def _context(request, **extra):
    user = request.user
    context = {
        "roles": user.active_roles,
        "languages_form": LanguagesForm(initial={"languages": user.languages}),
        "token_form": TokenCreateForm(),
        "tokens": selectors.tokens_for(user),
        "second_factor": selectors.second_factor_state(user),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
@never_cache
@login_only
def account(request):
    """GET shows the account; POST saves the languages spoken."""
    if request.method == "POST":
        form = LanguagesForm(request.POST)
        if form.is_valid():
            services.user_update_languages(user=request.user, languages=form.cleaned_data["languages"],
                                           by=request.user)
            messages.success(request, _("Your languages were saved."))
            return redirect("accounts:me")
        return render(request, "accounts/me.html", _context(request, languages_form=form))
    return render(request, "accounts/me.html", _context(request))


@require_POST
@never_cache
@login_only
def token_create(request):
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/me.html", _context(request, token_form=form))
    token, secret = services.token_issue(user=request.user, name=form.cleaned_data["name"],
                                         second_factor=request.user.is_verified())
    # The secret is in this response only; it is stored as a hash.
    return render(request, "accounts/me.html", _context(request, new_token=token, new_secret=secret))


@require_POST
@login_only
def token_revoke(request, pk: int):
    token = selectors.tokens_for(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404()
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:me")


@require_POST
@login_only
@reauth_required
def second_factor_remove(request):
    try:
        services.second_factor_reset(user=request.user, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        request.session[OTP_REQUIRED] = False
        messages.success(request, _("Your second factor was removed."))
    return redirect("accounts:me")


@require_POST
@never_cache
@login_only
@reauth_required
def backup_codes(request):
    codes = services.backup_codes_issue(user=request.user)
    return render(request, "accounts/me.html", _context(request, new_codes=codes))
