"""Pages of organizations and their members: parse, authorise, call a selector or service, render.

Order of checks on every record page: the access rule (403 for a role without the capability
anywhere), then the scoped lookup (404 for a record the user may not see), then, for a change,
org.edit at the record's place (403 for a public record of another area).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import holds, places_for
from shiliu.audit.services import audit_list_read
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.organizations import selectors
from shiliu.organizations.choices import OrgStatus
from shiliu.organizations.forms import (
    DissolveForm,
    EndForm,
    MemberEditForm,
    MemberForm,
    OrganizationForm,
    OrgFilterForm,
)
from shiliu.organizations.honours import honours_context, organization_honours
from shiliu.organizations.services import (
    membership_add,
    membership_end,
    membership_update,
    organization_create,
    organization_dissolve,
    organization_update,
)
from shiliu.people.masking import mask_phone

PAGE_SIZE = 25


def filter_form(request) -> tuple[OrgFilterForm, dict]:
    """The list's filters from the query string; invalid ones filter nothing and show their error."""
    form = OrgFilterForm(request.GET or None, places=selectors.viewable_places(request.user))
    filters = form.filters() if form.is_valid() else {}
    return form, filters


@require_GET
@access_rule(Cap.ORG_VIEW)
def org_list(request):
    """The organizations the user sees, filtered; a constant number of queries."""
    form, filters = filter_form(request)
    paginator = Paginator(selectors.org_list(request.user, **filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    language = get_language()
    rows = [{"org": o, "name": o.display_name(language), "place": o.place.display_name(language)}
            for o in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organizations/list.html", {
        "form": form, "rows": rows, "page": page, "query": query.urlencode(),
        "filtered": bool(filters and any(v for v in filters.values())),
        "can_edit": holds(request.user, Cap.ORG_EDIT),
    })


@require_GET
@access_rule(Cap.ORG_VIEW)
def org_detail(request, pk: int):
    user = request.user
    org = selectors.org_get(user, pk)
    rows, full = selectors.member_rows(user, org)
    can_edit = selectors.can_edit(user, org)
    audit_list_read(by=user, action="org.members.view", model_label="organizations.membership",
                    ids=[row["membership"].pk for row in rows])
    honours = honours_context(user, organization_honours(user, org), org.place)
    language = get_language()
    return render(request, "organizations/detail.html", {
        "org": org, "name": org.display_name(language), "place_name": org.place.display_name(language),
        "children": list(selectors.org_children(user, org)),
        "current": [r for r in rows if r["membership"].until is None],
        "past": [r for r in rows if r["membership"].until is not None],
        "full": full, "can_edit": can_edit and org.status != OrgStatus.DISSOLVED,
        "in_scope": selectors.in_scope(user, org),
        **honours,
    })


def _org_form(request, *, initial=None, with_version=False) -> OrganizationForm:
    user = request.user
    return OrganizationForm(request.POST or None, initial=initial, places=selectors.editable_places(user),
                            parents=selectors.parent_choices(user), with_version=with_version)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def org_create(request):
    form = _org_form(request, initial={"public": True})
    if request.method == "POST" and form.is_valid():
        try:
            org = organization_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organization was recorded."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {"form": form, "title": _("New organization"),
                                                       "submit": _("Create")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def org_edit(request, pk: int):
    org = selectors.org_get_for_edit(request.user, pk)
    initial = {"name": org.name, "name_en": org.name_en, "kind": org.kind, "place": org.place_id,
               "parent": org.parent_id, "founded_on": org.founded_on, "status": org.status, "public": org.public,
               "description": org.description, "version": org.version}
    form = _org_form(request, initial=initial, with_version=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            organization_update(organization=org, by=request.user, version=version, **data)
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organization was saved."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {
        "form": form, "org": org, "title": _("Edit %(name)s") % {"name": org.name}, "submit": _("Save")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def org_dissolve(request, pk: int):
    org = selectors.org_get_for_edit(request.user, pk)
    form = DissolveForm(request.POST or None, initial={"dissolved_on": timezone.localdate(), "version": org.version})
    if request.method == "POST" and form.is_valid():
        try:
            organization_dissolve(organization=org, by=request.user, version=form.cleaned_data["version"],
                                  on=form.cleaned_data["dissolved_on"])
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc, field_map={"status": "dissolved_on"})
        else:
            messages.success(request, _("The organization was dissolved; its members' terms ended that day."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {
        "form": form, "org": org, "title": _("Dissolve %(name)s") % {"name": org.name}, "submit": _("Dissolve"),
        "note": _("A dissolved organization stays on record, with its members' history. Its current members' "
                  "terms end on the day it is dissolved.")})


def _staff_choices(user):
    """Staff who hold a role where the user manages organizations: who may be linked as a member."""
    return (get_user_model().objects.filter(is_active=True, role_assignments__is_active=True,
                                            role_assignments__place__in=places_for(user, Cap.ORG_EDIT))
            .distinct().order_by("username"))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def member_add(request, pk: int):
    org = selectors.org_get_for_edit(request.user, pk)
    form = MemberForm(request.POST or None, staff=_staff_choices(request.user),
                      initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["resident_id"] = data.pop("resident")
        try:
            membership_add(by=request.user, organization=org, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member was added."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {
        "form": form, "org": org, "title": _("Add a member to %(name)s") % {"name": org.name}, "submit": _("Add")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def member_edit(request, pk: int, member_pk: int):
    org = selectors.org_get(request.user, pk)
    membership = selectors.membership_get(request.user, org, member_pk, for_edit=True)
    initial = {"name": membership.name, "role": membership.role, "since": membership.since,
               "version": membership.version}
    form = MemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if not data["phone"]:
            data.pop("phone")
        try:
            membership_update(membership=membership, by=request.user, version=version, **data)
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {
        "form": form, "org": org, "title": _("Edit the membership of %(name)s") % {"name": membership.name},
        "submit": _("Save"), "note": _("Current phone: %(phone)s") % {"phone": mask_phone(membership.phone) or "—"}})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def member_end(request, pk: int, member_pk: int):
    org = selectors.org_get(request.user, pk)
    membership = selectors.membership_get(request.user, org, member_pk, for_edit=True)
    form = EndForm(request.POST or None, initial={"until": timezone.localdate(), "version": membership.version})
    if request.method == "POST" and form.is_valid():
        try:
            membership_end(membership=membership, by=request.user, version=form.cleaned_data["version"],
                           until=form.cleaned_data["until"])
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The membership ended. It stays in the organization's history."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {
        "form": form, "org": org, "title": _("End the membership of %(name)s") % {"name": membership.name},
        "submit": _("End membership")})
