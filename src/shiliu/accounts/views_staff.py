"""Staff management for administrators (Cap.STAFF_MANAGE): accounts in their area."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can
from shiliu.accounts import selectors, services
from shiliu.accounts.forms import RoleGrantForm, StaffCreateForm, language_labels
from shiliu.accounts.middleware import reauth_required
from shiliu.core.errors import record_refusal
from shiliu.core.forms import add_service_errors

PAGE_SIZE = 50


@require_GET
@access_rule(Cap.STAFF_MANAGE)
def staff_list(request):
    search = request.GET.get("q", "")[:100]
    page = Paginator(selectors.staff_for(request.user, search=search), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_list.html", {"page": page, "q": search})


@require_http_methods(["GET", "POST"])
@never_cache
@access_rule(Cap.STAFF_MANAGE)
def staff_create(request):
    form = StaffCreateForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.user_create(
                username=data["username"], display_name=data["display_name"], languages=data["languages"],
                role=data["role"], place=data["place"], password=data["password"], by=request.user,
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            # Shown once, on this response only; the page is not cached.
            return render(request, "accounts/staff_created.html",
                          {"staff": user, "password": password, "generated": not data["password"]})
    return render(request, "accounts/staff_create.html", {"form": form})


def _detail_context(request, staff, grant_form=None):
    return {
        "staff": staff,
        "language_labels": language_labels(staff.languages),
        # each role with whether this administrator may end it (it lies in their area)
        "roles": [(a, can(request.user, Cap.STAFF_MANAGE, a.place)) for a in selectors.staff_roles(staff)],
        "grant_form": grant_form or RoleGrantForm(request.user),
        "second_factor": selectors.second_factor_state(staff),
        "is_self": staff.pk == request.user.pk,
    }


@require_GET
@access_rule(Cap.STAFF_MANAGE)
def staff_detail(request, pk: int):
    staff = selectors.staff_get_or_404(request.user, pk)
    return render(request, "accounts/staff_detail.html", _detail_context(request, staff))


def _back(staff):
    return redirect("accounts:staff_detail", pk=staff.pk)


@require_POST
@access_rule(Cap.STAFF_MANAGE)
def role_grant(request, pk: int):
    staff = selectors.staff_get_or_404(request.user, pk)
    form = RoleGrantForm(request.user, request.POST)
    if form.is_valid():
        try:
            services.staff_role_grant(user=staff, role=form.cleaned_data["role"], place=form.cleaned_data["place"],
                                      by=request.user)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The role was granted."))
            return _back(staff)
    return render(request, "accounts/staff_detail.html", _detail_context(request, staff, grant_form=form))


@require_POST
@access_rule(Cap.STAFF_MANAGE)
def role_revoke(request, pk: int, assignment_pk: int):
    assignment = selectors.role_assignment_get_or_404(request.user, pk, assignment_pk)
    services.role_revoke(assignment=assignment, by=request.user)
    messages.success(request, _("The role was ended."))
    return _back(assignment.user)


def _account_change(request, staff, change) -> None:
    try:
        change()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    except PermissionDenied as e:
        record_refusal(request, e)  # shown as a message, but a refusal all the same (E2)
        messages.error(request, str(e) or _("Your role does not allow this."))


@require_POST
@access_rule(Cap.STAFF_MANAGE)
def staff_set_active(request, pk: int):
    staff = selectors.staff_get_or_404(request.user, pk)
    active = request.POST.get("active") == "1"

    def change():
        services.user_set_active(user=staff, active=active, by=request.user)
        messages.success(request, _("The account was enabled.") if active else
                         _("The account was disabled; its sessions and API tokens have ended."))

    _account_change(request, staff, change)
    return _back(staff)


@require_POST
@access_rule(Cap.STAFF_MANAGE)
@reauth_required
def staff_second_factor_reset(request, pk: int):
    staff = selectors.staff_get_or_404(request.user, pk)

    def change():
        services.second_factor_reset(user=staff, by=request.user)
        messages.success(request, _("The second factor was removed. %(name)s sets up a new one at the next sign-in.")
                         % {"name": staff})

    _account_change(request, staff, change)
    return redirect(reverse("accounts:staff_detail", kwargs={"pk": staff.pk}))
