"""Pages for keeping windows and centres: the list (with xlsx), a window's page, its edit, hours,
closures and duty. Intake lives in views_intake, the public pages in views_public.

Order of checks: the access rule (403 without the capability anywhere), the scoped lookup (404
outside what the user may see), then the edit capability at the window's place (403).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import filters_of, paginate, posted, save_form
from shiliu.creation.views import xlsx_response
from shiliu.windows import exports, selectors, services
from shiliu.windows.forms import ClosureForm, DutyForm, FilterForm, HoursForm, WindowForm
from shiliu.windows.models import Closure, DutyShift


def _filters(request):
    form = FilterForm(request.GET or None, user=request.user)
    filters = filters_of(form)
    place = filters.pop("place", None)
    return form, filters, place


def _list(request):
    form, filters, place = _filters(request)
    qs = selectors.windows_list(request.user, **filters)
    if place is not None:
        qs = qs.filter(place__path__startswith=place.path)
    return form, qs


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def home(request):
    form, qs = _list(request)
    page = paginate(request, qs)
    selectors.annotate_states(list(page.object_list))
    return render(request, "windows/home.html", {
        "form": form, "page": page, "can_create": holds(request.user, Cap.WINDOW_EDIT),
        "can_intake": holds(request.user, Cap.WINDOW_INTAKE)})


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def export(request):
    _form, qs = _list(request)
    return xlsx_response(request, "windows", lambda: exports.windows_xlsx(qs), count=exports.count_export)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_EDIT)
def window_new(request):
    form = WindowForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: services.window_create(by=request.user, **f.service_arguments()),
                     success=_("The window was recorded. Now enter its opening hours."),
                     template="creation/form.html", context={"title": _("New window or service centre"),
                                                             "back": "windows:home"})


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def detail(request, pk: int):
    window = selectors.window_get(request.user, pk)
    selectors.annotate_states([window])
    can_edit = can(request.user, Cap.WINDOW_EDIT, window.place)
    return render(request, "windows/detail.html", {
        "window": window, "items": selectors.window_items(window), "duty": selectors.duty_of(window),
        "visits": selectors.visits_of(request.user, window), "can_edit": can_edit,
        "can_intake": can(request.user, Cap.WINDOW_INTAKE, window.place) and window.active,
        "closure_form": ClosureForm() if can_edit else None,
        "duty_form": DutyForm(staff=_staff(window)) if can_edit else None,
    })


def _editable(request, pk: int):
    window = selectors.window_get(request.user, pk)
    if not can(request.user, Cap.WINDOW_EDIT, window.place):
        raise PermissionDenied()
    return window


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_EDIT)
def window_edit(request, pk: int):
    window = _editable(request, pk)
    initial = {"kind": window.kind, "name": window.name, "place": window.place_id, "address": window.address,
               "phone": window.phone, "public": window.public, "active": window.active,
               "open_on_rest_days": window.open_on_rest_days, "items": list(window.items.all()),
               "version": window.version}
    form = WindowForm(posted(request), user=request.user, initial=initial)

    def call(f):
        return services.window_update(window=window, by=request.user, version=f.cleaned_data["version"] or 0,
                                      **f.service_arguments())
    return save_form(request, form, call, success=_("The window was saved."), template="creation/form.html",
                     context={"title": _("Edit %(name)s") % {"name": window.name}, "back_object": window})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_EDIT)
def hours_edit(request, pk: int):
    window = _editable(request, pk)
    initial = {}
    counts: dict[int, int] = {}
    for h in window.hours.all():
        n = counts.get(h.weekday, 0)
        counts[h.weekday] = n + 1
        initial[f"d{h.weekday}_{n}_opens"], initial[f"d{h.weekday}_{n}_closes"] = h.opens, h.closes
    form = HoursForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_set(window=window, by=request.user, version=int(request.POST.get("version") or 0),
                               spans=form.spans())
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc, field_map={"hours": "__all__"})
        else:
            messages.success(request, _("The opening hours were saved."))
            return redirect(window)
    return render(request, "windows/hours_form.html", {"form": form, "window": window})


@require_POST
@access_rule(Cap.WINDOW_EDIT)
def closure_add(request, pk: int):
    window = _editable(request, pk)
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            services.closure_add(window=window, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The closure was recorded."))
            return redirect(window)
    selectors.annotate_states([window])
    return render(request, "windows/detail.html", {
        "window": window, "items": selectors.window_items(window), "duty": selectors.duty_of(window),
        "visits": selectors.visits_of(request.user, window), "can_edit": True, "closure_form": form,
        "duty_form": DutyForm(staff=_staff(window))}, status=422)


@require_POST
@access_rule(Cap.WINDOW_EDIT)
def closure_remove(request, pk: int, closure_pk: int):
    window = _editable(request, pk)
    services.closure_remove(closure=get_object_or_404(Closure, pk=closure_pk, window=window), by=request.user)
    messages.success(request, _("The closure was removed."))
    return redirect(window)


def _staff(window):
    """Active staff who may take visitors at the window's place (a role held there or above)."""
    from shiliu.access.policy import CAPABILITIES

    roles = [role for role, caps in CAPABILITIES.items() if Cap.WINDOW_INTAKE in caps]
    return (get_user_model().objects.filter(
        is_active=True, role_assignments__is_active=True, role_assignments__role__in=roles,
        role_assignments__place_id__in=window.place.ancestor_ids()).distinct().order_by("username"))


@require_POST
@access_rule(Cap.WINDOW_EDIT)
def duty_add(request, pk: int):
    window = _editable(request, pk)
    form = DutyForm(request.POST, staff=_staff(window))
    if form.is_valid():
        try:
            services.duty_add(window=window, by=request.user, user=form.cleaned_data["user"],
                              day=form.cleaned_data["date"])
        except ValidationError as exc:
            add_service_errors(form, exc, field_map={"date": "date"})
        else:
            messages.success(request, _("The duty was recorded."))
            return redirect(window)
    selectors.annotate_states([window])
    return render(request, "windows/detail.html", {
        "window": window, "items": selectors.window_items(window), "duty": selectors.duty_of(window),
        "visits": selectors.visits_of(request.user, window), "can_edit": True, "closure_form": ClosureForm(),
        "duty_form": form}, status=422)


@require_POST
@access_rule(Cap.WINDOW_EDIT)
def duty_remove(request, pk: int, shift_pk: int):
    window = _editable(request, pk)
    services.duty_remove(shift=get_object_or_404(DutyShift, pk=shift_pk, window=window), by=request.user)
    messages.success(request, _("The duty was removed."))
    return redirect(window)


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def figures(request):
    user = request.user
    return render(request, "windows/figures.html", {
        "by_place": selectors.figures_by_place(user), "served": selectors.figures_items_served(user)})

