"""The guide's staff pages: the list with search in Chinese, an item with its version history and
a comparison of two versions, the edit form that publishes a new version, domains and life
events, import and export. Reading needs ``window.view`` (or ``guide.edit``); every change
needs ``guide.edit`` (checked again by the services)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.xlsx import CONTENT_TYPE as XLSX
from shiliu.guide import display, selectors, services
from shiliu.guide.forms import (
    EXTRA_ROWS,
    ImportForm,
    ItemForm,
    MaterialFormSet,
    NamedForm,
    SearchForm,
    StepFormSet,
)
from shiliu.guide.models import Domain, LifeEvent, ServiceItem
from shiliu.guide.transfer import GuideImportRejected, error_label, export_guide, import_guide


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def home(request):
    selectors.require_staff_read(request.user)
    language = get_language()
    form = SearchForm(request.GET or None, language=language)
    filters = form.cleaned_data if form.is_valid() else {}
    items = list(selectors.filter_items(selectors.items_staff(request.user), query=filters.get("q", ""),
                                        domain=filters.get("domain", ""),
                                        life_event=filters.get("life_event", "")))
    rows = [{"item": i, "name": i.current.label(language), "domain": i.domain.label(language)} for i in items]
    return render(request, "guide/list.html", {"form": form, "rows": rows, "may_edit": services.may_edit(request.user),
                                               "searched": bool(request.GET)})


def _with_history(item: ServiceItem, language: str | None) -> list[dict]:
    versions = list(selectors.versions_of(item))
    history = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        history.append({"version": version, "changed": display.changes(previous, version)["labels"],
                        "previous": previous})
    return history


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def item_detail(request, pk: int):
    item = selectors.item_staff_get(request.user, pk)
    language = get_language()
    assert item.current is not None
    return render(request, "guide/detail.html", {
        "item": item, "shown": display.shown(item.current, language), "history": _with_history(item, language),
        "domain": item.domain.label(language), "category": item.category.label(language),
        "life_events": [e.label(language) for e in item.life_events.all()],
        "may_edit": services.may_edit(request.user)})


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def version_compare(request, pk: int):
    item = selectors.item_staff_get(request.user, pk)
    numbers = sorted({n for n in (request.GET.get("a"), request.GET.get("b")) if n and n.isdigit()}, key=int)
    if len(numbers) != 2:
        assert item.current is not None
        numbers = [str(max(item.current.number - 1, 1)), str(item.current.number)]
    old = selectors.version_get(item, int(numbers[0]))
    new = selectors.version_get(item, int(numbers[-1]))
    return render(request, "guide/compare.html", {"item": item, "old": old, "new": new,
                                                  "changes": display.changes(old, new) if old != new else None})


# --- editing -------------------------------------------------------------------------------------


def _initial(item: ServiceItem) -> tuple[dict, list[dict], list[dict]]:
    version = item.current
    assert version is not None
    content = services.content_of(version)
    initial = {key: content[key] for key in services.TEXT_FIELDS}
    initial.update(promised_days=content["promised_days"], channels=content["channels"], domain=item.domain,
                   category=item.category, life_events=list(item.life_events.all()), version=item.version)
    return initial, content["materials"], content["steps"]


def _rows(formset) -> tuple[list[dict], list[int]]:
    """The kept rows of a formset as the service wants them, and each one's form index: rows shown
    filled stay unless marked for removal; an empty extra row is left out."""
    rows, where = [], []
    for index, form in enumerate(formset.forms):
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        data = dict(form.cleaned_data)
        if data.pop("DELETE", False):
            continue
        rows.append(data)
        where.append(index)
    return rows, where


def _put_errors(exc, form, formsets: dict) -> None:
    """Each service message next to its field, in the item form or in the row of a formset."""
    if isinstance(exc, StaleVersion) or not hasattr(exc, "error_dict"):
        add_service_errors(form, exc)
        return
    rest = {}
    for key, messages_ in exc.message_dict.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] in formsets and parts[1].isdigit():
            formset, where = formsets[parts[0]]
            row = int(parts[1])
            target = formset.forms[where[row]] if row < len(where) else None
            if target is not None and parts[2] in target.fields:
                target.add_error(parts[2], messages_)
                continue
        rest[key] = messages_
    if rest:
        add_service_errors(form, ValidationError(rest))


def _formsets(request, materials: list[dict], steps: list[dict]):
    """The two row formsets. "More empty rows" (a plain submit, no script) shows what was typed again,
    with three more empty rows, and saves nothing."""
    data = request.POST if request.method == "POST" else None
    if data is not None and "more" in data:
        kept = []
        for prefix, formset_class in (("materials", MaterialFormSet), ("steps", StepFormSet)):
            bound = formset_class(data, prefix=prefix)
            kept.append(_rows(bound)[0] if bound.is_valid() else [])
        material_set = MaterialFormSet(prefix="materials", initial=kept[0] or None)
        step_set = StepFormSet(prefix="steps", initial=kept[1] or None)
        material_set.extra = step_set.extra = EXTRA_ROWS + 3
        return material_set, step_set
    if data is not None:  # rows shown filled are kept as posted; an extra row counts when it was filled in
        return MaterialFormSet(data, prefix="materials"), StepFormSet(data, prefix="steps")
    return (MaterialFormSet(prefix="materials", initial=materials or None),
            StepFormSet(prefix="steps", initial=steps or None))


def _edit(request, *, item: ServiceItem | None):
    creating = item is None
    if creating:
        initial: dict = {"channels": ["window"], "promised_days": 5}
        materials: list[dict] = []
        steps: list[dict] = []
    else:
        assert item is not None
        initial, materials, steps = _initial(item)
    form = ItemForm(request.POST or None, initial=initial, creating=creating)
    material_set, step_set = _formsets(request, materials, steps)
    if request.method == "POST" and "more" not in request.POST and form.is_valid() \
            and material_set.is_valid() and step_set.is_valid():
        data = form.cleaned_data
        material_rows, material_where = _rows(material_set)
        step_rows, step_where = _rows(step_set)
        content = {key: data.get(key, "") for key in services.TEXT_FIELDS}
        content.update(promised_days=data.get("promised_days"), channels=data.get("channels") or [],
                       materials=material_rows, steps=step_rows)
        try:
            if creating:
                item = services.item_create(by=request.user, code=data.get("code", ""), domain=data.get("domain"),
                                            category=data.get("category"), content=content,
                                            life_events=data.get("life_events") or [], note=data.get("note", ""))
            else:
                assert item is not None
                services.item_publish(by=request.user, item=item, version=data.get("version") or 0,
                                      content=content, note=data.get("note", ""), domain=data.get("domain"),
                                      category=data.get("category"), life_events=data.get("life_events") or [])
        except (ValidationError, StaleVersion) as exc:
            _put_errors(exc, form, {"materials": (material_set, material_where), "steps": (step_set, step_where)})
        else:
            messages.success(request, _("A new version of the item was published."))
            assert item is not None
            return redirect("guide:detail", pk=item.pk)
    status = 422 if request.method == "POST" and "more" not in request.POST else 200
    return render(request, "guide/form.html", {"form": form, "materials": material_set, "steps": step_set,
                                               "item": item, "creating": creating}, status=status)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.GUIDE_EDIT)
def item_create(request):
    return _edit(request, item=None)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.GUIDE_EDIT)
def item_edit(request, pk: int):
    return _edit(request, item=selectors.item_staff_get(request.user, pk))


@require_POST
@access_rule(Cap.GUIDE_EDIT)
def item_active(request, pk: int):
    item = selectors.item_staff_get(request.user, pk)
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = 0
    try:
        services.item_set_active(by=request.user, item=item, version=version, active=request.POST.get("active") == "1")
    except StaleVersion:
        messages.error(request, str(StaleVersion.message))
    else:
        messages.success(request, _("The item is offered.") if request.POST.get("active") == "1"
                         else _("The item is no longer offered."))
    return redirect("guide:detail", pk=item.pk)


# --- domains and life events ---------------------------------------------------------------------

KINDS: dict[str, tuple[Any, ...]] = {
    "domains": (Domain, services.domain_create, services.domain_update, services.domain_delete, "domain"),
    "life-events": (LifeEvent, services.life_event_create, services.life_event_update, services.life_event_delete,
                    "life_event"),
}


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_VIEW)
def named_list(request, kind: str):
    selectors.require_staff_read(request.user)
    model, create, _update, _delete, _arg = KINDS[kind]
    may_edit = services.may_edit(request.user)
    form = NamedForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied()
        if form.is_valid():
            try:
                create(by=request.user, **{k: form.cleaned_data.get(k) or ("" if k != "position" else 0)
                                           for k in ("code", "name", "name_en", "position")})
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("guide:domains" if kind == "domains" else "guide:life_events")
    records = list(model.objects.all())
    return render(request, "guide/named.html", {"kind": kind, "records": records, "form": form, "may_edit": may_edit},
                  status=422 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.GUIDE_EDIT)
def named_edit(request, kind: str, pk: int):
    model, _create, update, delete, arg = KINDS[kind]
    record = get_object_or_404(model, pk=pk)
    form = NamedForm(request.POST or None, creating=False, initial={
        "name": record.name, "name_en": record.name_en, "position": record.position, "version": record.version})
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                delete(by=request.user, **{arg: record})
                messages.success(request, _("Removed."))
                return redirect("guide:domains" if kind == "domains" else "guide:life_events")
            if form.is_valid():
                update(by=request.user, version=form.cleaned_data.get("version") or 0,
                       name=form.cleaned_data.get("name") or "", name_en=form.cleaned_data.get("name_en") or "",
                       position=form.cleaned_data.get("position") or 0, **{arg: record})
                messages.success(request, _("Saved."))
                return redirect("guide:domains" if kind == "domains" else "guide:life_events")
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
    return render(request, "guide/named_edit.html", {"kind": kind, "record": record, "form": form},
                  status=422 if request.method == "POST" else 200)


# --- import and export -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_VIEW)
def transfer(request):
    selectors.require_staff_read(request.user)
    may_edit = services.may_edit(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied()
        if form.is_valid():
            try:
                result = import_guide(file=form.cleaned_data["file"], by=request.user)
            except GuideImportRejected as exc:
                errors = [error_label(e) for e in exc.errors]
    return render(request, "guide/transfer.html", {"form": form, "errors": errors, "result": result,
                                                   "may_edit": may_edit},
                  status=422 if errors or (request.method == "POST" and not form.is_valid()) else 200)


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def export(request, fmt: str):
    try:
        ratelimit.hit(ratelimit.EXPORT, f"guide:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    body = export_guide(by=request.user, fmt=fmt)
    response = HttpResponse(body, content_type=XLSX if fmt == "xlsx" else "application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="service-guide-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response
