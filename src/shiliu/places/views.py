"""Pages of the place tree: parse, authorise, call a selector or service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.places import selectors
from shiliu.places.forms import PlaceCreateForm, PlaceEditForm, PlaceImportForm, PlaceMoveForm, PlaceSearchForm
from shiliu.places.models import ALLOWED_CHILDREN
from shiliu.places.services import place_create, place_move, place_update
from shiliu.places.transfer import ImportRejected, column_label, export_places, import_places

XLSX = XLSX_CONTENT_TYPE


@require_GET
@access_rule(Cap.PLACE_VIEW)
def tree(request):
    """Every place the user may see, as an indented tree; a constant number of queries."""
    form = PlaceSearchForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    places = list(selectors.place_list(request.user, q=q, kind=kind))
    return render(request, "places/tree.html", {
        "form": form, "nodes": selectors.as_tree(places), "count": len(places), "filtered": bool(q or kind),
        "can_transfer": holds(request.user, Cap.PLACE_TRANSFER),
    })


@require_GET
@access_rule(Cap.PLACE_VIEW)
def detail(request, pk: int):
    place = selectors.place_get(request.user, pk)
    can_edit = can(request.user, Cap.PLACE_EDIT, place)
    return render(request, "places/detail.html", {
        "place": place,
        "ancestors": selectors.visible_ancestors(request.user, place),
        "children": list(selectors.children(request.user, place)),
        "can_edit": can_edit,
        "can_add_child": can_edit and place.kind in ALLOWED_CHILDREN,
        "can_move": can_edit and place.parent_id is not None,
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.PLACE_VIEW)
def create_child(request, pk: int):
    parent = selectors.place_get_for_edit(request.user, pk)
    form = PlaceCreateForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            place = place_create(parent=parent, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The place was created."))
            return redirect("places:detail", pk=place.pk)
    return render(request, "places/form.html", {
        "form": form, "place": parent, "title": _("New place under %(name)s") % {"name": parent.name},
        "submit": _("Create"),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.PLACE_VIEW)
def edit(request, pk: int):
    place = selectors.place_get_for_edit(request.user, pk)
    initial = {"code": place.code, "kind": place.kind, "name": place.name, "name_en": place.name_en,
               "address": place.address, "is_active": place.is_active, "version": place.version}
    form = PlaceEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            place_update(place=place, by=request.user, version=version, **data)
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("places:detail", pk=place.pk)
    return render(request, "places/form.html", {
        "form": form, "place": place, "title": _("Edit %(name)s") % {"name": place.name}, "submit": _("Save"),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.PLACE_VIEW)
def move(request, pk: int):
    place = selectors.place_get_for_edit(request.user, pk)
    form = PlaceMoveForm(request.POST or None, initial={"parent": place.parent_id, "version": place.version},
                         targets=selectors.move_targets(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            place_move(place=place, new_parent=form.cleaned_data["parent"], by=request.user,
                       version=form.cleaned_data["version"])
        except (StaleVersion, ValidationError) as exc:
            # Whatever the rule (under itself, kind), it is about the chosen parent.
            add_service_errors(form, exc, field_map={"kind": "parent"})
        else:
            messages.success(request, _("The place was moved with everything below it."))
            return redirect("places:detail", pk=place.pk)
    return render(request, "places/form.html", {
        "form": form, "place": place, "title": _("Move %(name)s") % {"name": place.name}, "submit": _("Move"),
        "note": _("Everything below this place moves with it."),
    })


@require_GET
@access_rule(Cap.PLACE_TRANSFER)
def export(request):
    try:  # F6: at most 10 a minute per user, counted with the API's export
        ratelimit.hit(ratelimit.EXPORT, f"places:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    data = export_places(by=request.user)
    response = HttpResponse(data, content_type=XLSX)
    name = f"places-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@access_rule(Cap.PLACE_TRANSFER)
def import_(request):
    form = PlaceImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_places(file=form.cleaned_data["file"], by=request.user)
        except ImportRejected as exc:
            errors = [{"row": e.row, "column": column_label(e.column) if e.column else "", "message": e.message}
                      for e in exc.errors]
        else:
            messages.success(request, _("Import done: %(created)s created, %(updated)s updated, %(moved)s moved, "
                                        "%(unchanged)s unchanged.") % vars(result))
            return redirect("places:tree")
    return render(request, "places/import.html", {"form": form, "errors": errors}, status=422 if errors else 200)

