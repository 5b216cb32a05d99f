"""Pages of the leadership groups and the coordination group."""

from django.contrib import messages
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
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.organizations import selectors
from shiliu.organizations.forms import EndForm, GroupFilterForm, GroupForm, GroupMemberForm
from shiliu.organizations.group_services import group_create, group_member_add, group_member_end, group_update

PAGE_SIZE = 25


@require_GET
@access_rule(Cap.ORG_VIEW)
def group_list(request):
    form = GroupFilterForm(request.GET or None, places=selectors.viewable_places(request.user))
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = Paginator(selectors.group_list(request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language()
    rows = [{"group": g, "name": g.display_name(language), "place": g.place.display_name(language)}
            for g in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organizations/groups.html", {
        "form": form, "rows": rows, "page": page, "query": query.urlencode(), "filtered": bool(filters),
        "can_edit": holds(request.user, Cap.ORG_EDIT),
    })


@require_GET
@access_rule(Cap.ORG_VIEW)
def group_detail(request, pk: int):
    user = request.user
    group = selectors.group_get(user, pk)
    members = list(selectors.group_members(group))
    language = get_language()
    return render(request, "organizations/group_detail.html", {
        "group": group, "name": group.display_name(language), "place_name": group.place.display_name(language),
        "current": [m for m in members if m.until is None], "past": [m for m in members if m.until is not None],
        # Officials' names show within the user's own area; elsewhere the units and posts.
        "names": selectors.in_scope(user, group), "can_edit": selectors.can_edit(user, group),
        "language": language,
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def group_new(request):
    form = GroupForm(request.POST or None, places=selectors.editable_places(request.user), initial={"public": True})
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The group was recorded."))
            return redirect("organizations:group_detail", pk=group.pk)
    return render(request, "organizations/form.html", {"form": form, "title": _("New group"), "submit": _("Create"),
                                                       "back": "groups"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def group_edit(request, pk: int):
    group = selectors.group_get_for_edit(request.user, pk)
    initial = {"name": group.name, "name_en": group.name_en, "kind": group.kind, "level": group.level,
               "place": group.place_id, "public": group.public, "description": group.description,
               "version": group.version}
    form = GroupForm(request.POST or None, places=selectors.editable_places(request.user), initial=initial,
                     with_version=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            group_update(group=group, by=request.user, version=version, **data)
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("organizations:group_detail", pk=group.pk)
    return render(request, "organizations/form.html", {
        "form": form, "group": group, "title": _("Edit %(name)s") % {"name": group.name}, "submit": _("Save")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def group_member_new(request, pk: int):
    group = selectors.group_get_for_edit(request.user, pk)
    units = places_for(request.user, Cap.PLACE_VIEW).filter(selectors.within(group.place, "path")).order_by("path")
    form = GroupMemberForm(request.POST or None, units=units, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            group_member_add(by=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The seat was added to the group."))
            return redirect("organizations:group_detail", pk=group.pk)
    return render(request, "organizations/form.html", {
        "form": form, "group": group, "title": _("Add a seat to %(name)s") % {"name": group.name},
        "submit": _("Add")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORG_EDIT)
def group_member_finish(request, pk: int, member_pk: int):
    group = selectors.group_get(request.user, pk)
    member = selectors.group_member_get(request.user, group, member_pk)
    form = EndForm(request.POST or None, initial={"until": timezone.localdate(), "version": member.version})
    if request.method == "POST" and form.is_valid():
        try:
            group_member_end(member=member, by=request.user, version=form.cleaned_data["version"],
                             until=form.cleaned_data["until"])
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The seat ended. It stays in the group's history."))
            return redirect("organizations:group_detail", pk=group.pk)
    label = member.unit.name if member.unit else member.person_name
    return render(request, "organizations/form.html", {
        "form": form, "group": group, "title": _("End the seat of %(name)s") % {"name": label},
        "submit": _("End seat")})
