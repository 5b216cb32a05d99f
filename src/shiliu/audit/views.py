"""The audit trail's pages: list with filters, one record, chain verification, export.

Reading the trail is itself recorded: it shows who looked at whose data, which is
personal data too (E1). Each list page writes one ``audit.list`` record with the
filters used (and the resident filtered on as its subject), each detail page one
``audit.view`` record, each export one ``audit.export`` record, each verification
one ``audit.verify`` record. They are written after the page's rows were read, so a
page never shows its own record.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.audit.forms import AuditFilterForm, describe
from shiliu.audit.models import AuditKind
from shiliu.audit.selectors import audit_event_get, audit_events, role_labels
from shiliu.audit.services import audit_read, audit_security, audit_verify_chain
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.core.xlsx import write_workbook

PAGE_SIZE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    return form, filters


def _record_read(request, *, action: str, filters: dict, kind: str = AuditKind.READ, detail: dict | None = None):
    audit_read(by=request.user, action=action, target=None, subject_id=filters.get("subject"), category="audit",
               kind=kind, detail={"filters": describe(filters), **(detail or {})})


@require_GET
@access_rule(Cap.AUDIT_VIEW)
def audit_list(request):
    form, filters = _filtered(request)
    if form.is_bound and not form.is_valid():
        page = Paginator([], PAGE_SIZE).get_page(1)
    else:
        page = Paginator(audit_events(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"event": e, "roles": role_labels(e)} for e in page.object_list]
    if form.is_valid() or not form.is_bound:
        _record_read(request, action="audit.list", filters=filters, detail={"page": page.number})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {
        "form": form, "rows": rows, "page": page, "query_string": query.urlencode(),
    })


@require_GET
@access_rule(Cap.AUDIT_VIEW)
def audit_detail(request, pk: int):
    event = audit_event_get(request.user, pk)
    audit_read(by=request.user, action="audit.view", target=event, subject_id=event.subject_id, category="audit")
    return render(request, "audit/detail.html", {"event": event, "roles": role_labels(event),
                                                 "hash_ok": event.compute_hash() == event.hash})


@require_POST
@access_rule(Cap.AUDIT_VIEW)
def audit_verify(request):
    """Recompute the whole chain. POST: it writes its own record of having been run."""
    checked, broken = audit_verify_chain()
    audit_security(action="audit.verify", by=request.user, detail={"checked": checked, "broken": broken[:50]})
    return render(request, "audit/verify.html", {"checked": checked, "broken": broken[:200],
                                                 "broken_count": len(broken)})


EXPORT_HEADERS = ("id", "when", "who", "roles", "kind", "action", "record type", "record id", "record",
                  "resident id", "data category", "reason", "address", "hash")


@require_GET
@access_rule(Cap.AUDIT_VIEW)
def audit_export(request):
    """The filtered list as xlsx, capped, after a recent re-authentication, at most 10 a minute
    per user (C7, D5, F5, F6)."""
    if not recently_reauthenticated(request):
        target = reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
    try:
        ratelimit.hit(ratelimit.EXPORT, f"audit:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    form, filters = _filtered(request)
    if form.is_bound and not form.is_valid():
        return redirect(reverse("audit:list") + "?" + request.GET.urlencode())
    cap = settings.SHILIU_LIST_EXPORT_CAP
    events = list(audit_events(request.user, filters)[:cap])
    rows = [(e.pk, timezone.localtime(e.at).replace(tzinfo=None), e.actor_name, ", ".join(role_labels(e)),
             e.get_kind_display(), e.action, e.target_type, e.target_id, e.target_label, e.subject_id, e.category,
             e.reason, e.address, e.hash) for e in events]
    data = write_workbook(EXPORT_HEADERS, rows, title=_("Audit trail"))
    _record_read(request, action="audit.export", filters=filters, kind=AuditKind.EXPORT,
                 detail={"count": len(events), "cap": cap})
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="audit-trail.xlsx"'
    return response
