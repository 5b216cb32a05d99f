"""xlsx pages: exports of the lists a manager sees, imports of organizations and members.

Exports are limited to 10 a minute per user and kind (F6). The members export carries names and
masked phones, so it asks for the password again first (C7), is capped (D5) and audited (E1).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.organizations import selectors
from shiliu.organizations.forms import GroupFilterForm, ImportForm
from shiliu.organizations.transfer import (
    ImportRejected,
    column_label,
    export_groups,
    export_members,
    export_organizations,
    import_members,
    import_organizations,
    template,
)
from shiliu.organizations.views import filter_form

XLSX = XLSX_CONTENT_TYPE


def xlsx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _limited(request, kind: str):
    try:
        ratelimit.hit(ratelimit.EXPORT, f"{kind}:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    return None


@require_GET
@access_rule(Cap.ORG_VIEW)
def export(request):
    """The organizations of the list, with the list's filters."""
    refused = _limited(request, "organizations")
    if refused:
        return refused
    _form, filters = filter_form(request)
    return xlsx_response(export_organizations(by=request.user, orgs=selectors.org_list(request.user, **filters)),
                         "organizations")


@require_GET
@access_rule(Cap.ORG_VIEW)
def members_export(request):
    """The members of the listed organizations in the user's own area, masked, capped, audited."""
    if not recently_reauthenticated(request):
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    refused = _limited(request, "org-members")
    if refused:
        return refused
    _form, filters = filter_form(request)
    return xlsx_response(export_members(by=request.user, orgs=selectors.org_list(request.user, **filters)),
                         "members")


@require_GET
@access_rule(Cap.ORG_VIEW)
def groups_export(request):
    if not recently_reauthenticated(request):  # C7: an export of people's names
        messages.info(request, _("Confirm your password first, then try again."))
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    refused = _limited(request, "org-groups")
    if refused:
        return refused
    form = GroupFilterForm(request.GET or None, places=selectors.viewable_places(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    groups = selectors.group_list(request.user, **{k: v for k, v in filters.items() if v})
    return xlsx_response(export_groups(by=request.user, groups=groups), "groups")


def _import_page(request, *, importer, title: str, intro: str, template_url: str, done):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = importer(file=form.cleaned_data["file"], by=request.user)
        except ImportRejected as exc:
            errors = [{"row": e.row, "column": column_label(e.column) if e.column else "", "message": e.message}
                      for e in exc.errors]
        else:
            messages.success(request, done(result))
            return redirect("organizations:list")
    return render(request, "organizations/import.html", {
        "form": form, "errors": errors, "title": title, "intro": intro, "template_url": template_url,
    }, status=422 if errors else 200)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def import_orgs(request):
    return _import_page(
        request, importer=import_organizations, title=_("Import organizations"),
        intro=_("Columns: ID, version, name, English name, kind, place code, organization above, founded on, "
                "status, public, description. A row without an ID creates an organization; a row with the ID and "
                "version of the export updates it. The place code must be a place where you manage "
                "organizations. If any row has an error, nothing is imported."),
        template_url=reverse("organizations:import_template"),
        done=lambda r: _("Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % vars(r))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def import_members_page(request):
    return _import_page(
        request, importer=import_members, title=_("Import members"),
        intro=_("Columns: organization ID (or organization, its exact name), name, phone, role, since. Every row "
                "needs a name; a phone must be a real mainland number. The organization must be in your area. If "
                "any row has an error, nobody is added."),
        template_url=reverse("organizations:members_import_template"),
        done=lambda r: _("Import done: %(created)s members added.") % vars(r))


@require_GET
@access_rule(Cap.ORG_EDIT)
def import_template(request):
    return xlsx_response(template("organizations"), "organizations-template")


@require_GET
@access_rule(Cap.ORG_EDIT)
def members_import_template(request):
    return xlsx_response(template("members"), "members-template")
