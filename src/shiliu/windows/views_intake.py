"""Taking a visitor at a window: choose the window, find the items, tick the materials, record the
visitor, open one order per item, then the visit's page and its printable receipt (PDF).

The item search is a GET (service items are public words, never personal data); the visitor's
name, phone and resident search are POSTed, so they never land in the address bar (ADR 0008).
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can
from shiliu.audit.services import audit_list_read
from shiliu.core.forms import add_service_errors
from shiliu.guide import selectors as guide
from shiliu.people.masking import mask_phone
from shiliu.people.selectors import resident_get, resident_search
from shiliu.windows import receipt, selectors, services
from shiliu.windows.forms import IntakeForm, ItemSearchForm

RESIDENT_MATCHES = 10
SEARCH_RESULTS = 20


@require_GET
@access_rule(Cap.WINDOW_INTAKE)
def choose(request):
    """The windows the worker may sit at; one only: straight to it."""
    windows = selectors.windows_for_intake(request.user)
    if len(windows) == 1:
        return redirect("windows:intake", pk=windows[0].pk)
    return render(request, "windows/intake_choose.html", {"windows": windows})


def _item_ids(raw: str) -> list[int]:
    return list(dict.fromkeys(int(p) for p in (raw or "").split(",") if p.strip().isdigit()))[:10]


def _resident_choices(request, query: str) -> list[tuple[str, str]]:
    matches = list(resident_search(request.user, query)[:RESIDENT_MATCHES]) if query.strip() else []
    audit_list_read(by=request.user, action="windows.intake.resident_search", model_label="people.Resident",
                    ids=[r.pk for r in matches])
    return [(str(r.pk), f"{r.name} · {mask_phone(r.phone) or '—'} · {r.place.name}") for r in matches]


def _with_items(request, ids: list[int]) -> str:
    query = request.GET.copy()
    query["items"] = ",".join(str(i) for i in dict.fromkeys(ids))
    return "?" + query.urlencode()


@require_http_methods(["GET", "POST"])
@access_rule(Cap.WINDOW_INTAKE)
def intake(request, pk: int):
    window = selectors.intake_window_get(request.user, pk)
    offered = set(window.items.values_list("pk", flat=True))
    search = ItemSearchForm(request.GET or None, domains=guide.domains(), events=guide.life_events())
    results = []
    if search.is_bound and search.is_valid() and any(search.cleaned_data.values()):
        results = list(selectors.items_search(query=search.cleaned_data["q"], domain=search.cleaned_data["domain"],
                                              life_event=search.cleaned_data["event"])[:SEARCH_RESULTS])
    elif not search.is_bound:
        results = selectors.window_items(window)[:SEARCH_RESULTS]
    chosen_ids = _item_ids(request.POST.get("items") if request.method == "POST" else request.GET.get("items", ""))

    residents: list = []
    if request.method == "POST":
        residents = _resident_choices(request, request.POST.get("resident_query", ""))
        chosen_resident = request.POST.get("resident", "")
        if chosen_resident and chosen_resident not in {c for c, _label in residents}:
            residents.append((chosen_resident, _("The resident chosen before")))
    form = IntakeForm(request.POST if request.method == "POST" else None, residents=residents,
                      initial={"items": ",".join(map(str, chosen_ids)), "idempotency_key": uuid.uuid4().hex})
    chosen = selectors.items_with_materials(chosen_ids)
    brought = {item.pk: [int(v) for v in request.POST.getlist(f"brought_{item.pk}") if v.isdigit()]
               for item in chosen} if request.method == "POST" else {}

    if request.method == "POST" and "find" not in request.POST and form.is_valid():
        data = form.cleaned_data
        resident = resident_get(request.user, data["resident"]) if data["resident"] else None
        try:
            visit, created = services.visit_take(
                by=request.user, window=window, items=chosen, brought=brought, resident=resident,
                visitor_name=data["visitor_name"], visitor_phone=data["visitor_phone"],
                contact_consent=data["contact_consent"], note=data["note"], idempotency_key=data["idempotency_key"])
        except ValidationError as exc:
            add_service_errors(form, exc, field_map={"window": "__all__"})
        else:
            if created:
                messages.success(request, _("The visit was recorded: one work order for each item."))
            return redirect(visit)
    found = [{"item": item, "add_url": _with_items(request, [*chosen_ids, item.pk]),
              "offered_here": item.pk in offered, "is_chosen": item.pk in chosen_ids} for item in results]
    asked = [{"item": item, "remove_url": _with_items(request, [i for i in chosen_ids if i != item.pk]),
              "offered_here": item.pk in offered, "ticked": set(brought.get(item.pk, []))} for item in chosen]
    return render(request, "windows/intake.html", {
        "window": window, "search": search, "results": found, "chosen": asked,
        "chosen_ids": chosen_ids, "brought": brought, "form": form,
        "items_errors": form.errors.get("items") if form.is_bound else None,
    }, status=422 if form.is_bound and form.errors else 200)


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def visit(request, pk: int):
    visit = selectors.visit_get(request.user, pk)
    lines = [(line, selectors.materials_to_bring(line)) for line in visit.lines.all()]
    name = receipt.visitor_name(visit)
    return render(request, "windows/visit.html", {
        "visit": visit, "lines": lines, "visitor": receipt.mask_name(name),
        "phone": mask_phone(visit.visitor_phone) if visit.visitor_phone else "",
        "can_intake": can(request.user, Cap.WINDOW_INTAKE, visit.place)})


@require_GET
@access_rule(Cap.WINDOW_VIEW)
def visit_receipt(request, pk: int):
    visit = selectors.visit_get(request.user, pk, audit_action="windows.visit.receipt")
    response = HttpResponse(receipt.receipt_pdf(visit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{visit.pk}.pdf"'
    return response
