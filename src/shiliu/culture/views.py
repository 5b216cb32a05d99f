"""Pages of cultural work: troupes, performances and publicity positions.

The museum's pages are in shiliu.culture.museum_views. Order of checks: the access rule
(403 without the capability anywhere), the scoped lookup (404 outside what the user may
see), then the edit capability at the record's place (403 for a record seen read-only).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.audit.services import audit_list_read
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import filters_of, paginate, posted, save_form
from shiliu.creation.links import activity_choices, activity_for_evidence
from shiliu.creation.views import xlsx_response
from shiliu.culture import exports, selectors, services
from shiliu.culture.forms import (
    MemberForm,
    PerformanceFilterForm,
    PerformanceForm,
    PositionFilterForm,
    PositionForm,
    RepertoireForm,
    TroupeFilterForm,
    TroupeForm,
)
from shiliu.people.masking import mask_phone

OVERVIEW_ROWS = 10


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def home(request):
    """Troupes, publicity positions and the museum at a glance, each with a link to its full list."""
    user = request.user
    troupes = selectors.troupe_list(user)
    positions = selectors.position_list(user, active=True)
    museums = list(selectors.museum_list(user))
    return render(request, "culture/home.html", {
        "troupes": troupes[:OVERVIEW_ROWS], "troupe_count": troupes.count(),
        "positions": positions[:OVERVIEW_ROWS], "position_count": positions.count(),
        "museums": museums, "can_create": holds(user, Cap.CULTURE_EDIT),
    })


# --- troupes ------------------------------------------------------------------------------------

def _troupe_filters(request):
    form = TroupeFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def troupes(request):
    form, filters = _troupe_filters(request)
    return render(request, "culture/troupes.html", {
        "form": form, "page": paginate(request, selectors.troupe_list(request.user, **filters)),
        "can_create": holds(request.user, Cap.CULTURE_EDIT),
    })


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def troupes_export(request):
    _form, filters = _troupe_filters(request)
    return xlsx_response(request, "troupes", lambda: exports.troupes_xlsx(
        selectors.troupe_list(request.user, **filters)), count=exports.count_export)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def troupe_new(request):
    form = TroupeForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: services.troupe_create(by=request.user, **f.service_arguments()),
                     success=_("The troupe was recorded."), template="culture/form.html",
                     context={"title": _("New art troupe"), "back": "culture:troupes"})


def _troupe_context(request, troupe, **forms) -> dict:
    user = request.user
    members = selectors.troupe_members(user, troupe)
    if members:
        audit_list_read(by=user, action="culture.member.list", model_label="culture.troupemember",
                        ids=[m.pk for m in members], category="contact")
    can_edit = can(user, Cap.CULTURE_EDIT, troupe.place)
    context = {
        "troupe": troupe, "can_edit": can_edit,
        "members": None if members is None else [{"member": m, "phone": mask_phone(m.phone)} for m in members],
        "repertoire": list(troupe.repertoire.order_by("title", "id")),
        "performances": list(troupe.performances.order_by("-date", "-id")[:20]),
    }
    if can_edit:
        context.update({"member_form": forms.get("member_form") or MemberForm(),
                        "piece_form": forms.get("piece_form") or RepertoireForm(),
                        "performance_form": forms.get("performance_form") or PerformanceForm(
                            activities=activity_choices(user))})
    return context


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def troupe_detail(request, pk: int):
    troupe = selectors.troupe_get(request.user, pk)
    return render(request, "culture/troupe_detail.html", _troupe_context(request, troupe))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def troupe_edit(request, pk: int):
    troupe = selectors.troupe_get_for_edit(request.user, pk)
    initial = {"name": troupe.name, "place": troupe.place_id, "organization": troupe.organization_id,
               "founded_on": troupe.founded_on,
               "status": troupe.status, "description": troupe.description, "public": troupe.public,
               "version": troupe.version}
    form = TroupeForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: services.troupe_update(
        troupe=troupe, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="culture/form.html",
        context={"title": _("Edit %(name)s") % {"name": troupe.name}, "back_object": troupe})


def _troupe_add(request, pk: int, form_class, call, *, key: str, success: str, **form_kwargs):
    """A form on the troupe page: save and come back, or show the page with the form's errors."""
    troupe = selectors.troupe_get_for_edit(request.user, pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            call(troupe, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(troupe)
    return render(request, "culture/troupe_detail.html", _troupe_context(request, troupe, **{key: form}))


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def member_add(request, pk: int):
    return _troupe_add(request, pk, MemberForm, lambda t, d: services.member_add(troupe=t, by=request.user, **d),
                       key="member_form", success=_("The member was added."))


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def member_remove(request, pk: int, member_pk: int):
    troupe = selectors.troupe_get(request.user, pk)
    member = selectors.member_get_for_edit(request.user, troupe, member_pk)
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("The member was removed; their name and phone are deleted."))
    return redirect(troupe)


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def repertoire_add(request, pk: int):
    return _troupe_add(request, pk, RepertoireForm,
                       lambda t, d: services.repertoire_add(troupe=t, by=request.user, **d),
                       key="piece_form", success=_("The piece was added to the repertoire."))


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def repertoire_remove(request, pk: int, piece_pk: int):
    troupe = selectors.troupe_get_for_edit(request.user, pk)
    piece = get_object_or_404(troupe.repertoire, pk=piece_pk)
    services.repertoire_remove(piece=piece, by=request.user)
    messages.success(request, _("The piece was removed from the repertoire."))
    return redirect(troupe)


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def performance_add(request, pk: int):
    def add(troupe, data):
        if data.get("activity"):
            data["activity"] = activity_for_evidence(request.user, data["activity"])
        return services.performance_add(troupe=troupe, by=request.user, **data)

    return _troupe_add(request, pk, PerformanceForm, add, key="performance_form",
                       success=_("The performance was recorded."), activities=activity_choices(request.user))


def _performance_filters(request):
    form = PerformanceFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def performances(request):
    form, filters = _performance_filters(request)
    return render(request, "culture/performances.html", {
        "form": form, "page": paginate(request, selectors.performance_list(request.user, **filters))})


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def performances_export(request):
    _form, filters = _performance_filters(request)
    return xlsx_response(request, "performances", lambda: exports.performances_xlsx(
        selectors.performance_list(request.user, **filters)), count=exports.count_export)


# --- publicity positions ------------------------------------------------------------------------

def _position_filters(request):
    form = PositionFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def positions(request):
    form, filters = _position_filters(request)
    return render(request, "culture/positions.html", {
        "form": form, "page": paginate(request, selectors.position_list(request.user, **filters)),
        "can_create": holds(request.user, Cap.CULTURE_EDIT),
    })


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def positions_export(request):
    _form, filters = _position_filters(request)
    return xlsx_response(request, "positions", lambda: exports.positions_xlsx(
        selectors.position_list(request.user, **filters)), count=exports.count_export)


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def position_detail(request, pk: int):
    position = selectors.position_get(request.user, pk)
    return render(request, "culture/position_detail.html", {
        "position": position, "can_edit": can(request.user, Cap.CULTURE_EDIT, position.place)})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def position_new(request):
    form = PositionForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: services.position_create(by=request.user, **f.service_arguments()),
                     success=_("The publicity position was recorded."), template="culture/form.html",
                     context={"title": _("New publicity position"), "back": "culture:positions"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def position_edit(request, pk: int):
    position = selectors.position_get_for_edit(request.user, pk)
    initial = {"kind": position.kind, "name": position.name, "place": position.place_id,
               "address": position.address, "since": position.since, "active": position.active,
               "description": position.description, "public": position.public, "version": position.version}
    form = PositionForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: services.position_update(
        position=position, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="culture/form.html",
        context={"title": _("Edit %(name)s") % {"name": position.name}, "back_object": position})
